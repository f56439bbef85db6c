import type { NextAuthOptions, Session } from 'next-auth';
import { getServerSession } from 'next-auth';
import { getToken, type JWT } from 'next-auth/jwt';
import CredentialsProvider from 'next-auth/providers/credentials';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import {
  ZAppointmentResponseSchema,
  ZAuthResponseSchema,
  ZUserResponseSchema,
  type Language,
  type Role,
  type UserResponse,
} from '@telehealth/contracts';
import { reasonOfBody } from './api-client';
import { clientAddress } from './client-address';
import { apiUrl, secureCookies } from './config';
import { safeCallbackPath } from './safe-callback';
import { lastTriesSentence, SIGN_IN_UNREACHABLE, signInRefusal } from './sign-in-errors';
import { redeemVisitLink } from './visit-link-auth';

/**
 * How long the cookie may live: long enough for a visit-link session, whose API token lasts until
 * a week after its visit, also when the link was opened days before the visit (a password
 * session's token lasts JWT_TTL_MINUTES, 8 h by default). The cookie is not what ends a session:
 * the jwt callback, getSession, the proxy and the /bff proxy all refuse a cookie whose API token
 * has expired, whatever the cookie's own age.
 */
const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

export const authOptions: NextAuthOptions = {
  // Stated, not left to next-auth's guess from the request's origin: getToken below and in the
  // proxy must look for the same cookie name (`__Secure-next-auth.session-token` over https).
  useSecureCookies: secureCookies(),
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S },
  jwt: { maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: '/sign-in' },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: {
        email: { label: 'Email', type: 'email' },
        password: { label: 'Password', type: 'password' },
      },
      // next-auth hands only an error string to the browser: sentences the user must read are thrown.
      async authorize(credentials, req) {
        if (!credentials?.email || !credentials.password) return null;
        const address = clientAddress(req?.headers);
        let response: Response;
        try {
          response = await fetch(`${apiUrl()}/api/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(address ? { 'x-forwarded-for': address } : {}) },
            body: JSON.stringify({ email: credentials.email, password: credentials.password }),
            cache: 'no-store',
          });
        } catch {
          throw new Error(SIGN_IN_UNREACHABLE);
        }
        const body: unknown = await response.json().catch(() => null);
        const reason = response.ok ? null : reasonOfBody(body, response.status);
        // A wrong password, or an email the API will not even look up: next-auth's CredentialsSignin.
        if (reason === 'unauthenticated' || reason === 'validation_failed') {
          const warning = lastTriesSentence(body);
          if (warning) throw new Error(warning);
          return null;
        }
        if (!response.ok) {
          // A problem the sign-in form words in the page's language (lib/sign-in-errors), not the API's English.
          throw new Error(signInRefusal(body, reason ?? 'internal_error'));
        }
        const auth = ZAuthResponseSchema.parse(body);
        return {
          id: auth.user.id,
          email: auth.user.email,
          name: auth.user.name,
          role: auth.user.role,
          timeZone: auth.user.timeZone,
          language: auth.user.language,
          accessToken: auth.accessToken,
          accessTokenExpires: Date.parse(auth.expiresAt),
        };
      },
    }),
    CredentialsProvider({
      id: 'visit-link',
      name: 'Visit link or code',
      credentials: {
        token: { label: 'Link token', type: 'text' },
        code: { label: 'Visit code', type: 'text' },
      },
      // A visit link (`/j/<token>`) or a typed code: a session for that one visit, without a password.
      authorize: (credentials, req) => redeemVisitLink(credentials, req?.headers),
    }),
  ],
  events: {
    // Signing out of the web app also revokes the API token, so a copied token dies with the session.
    async signOut({ token }) {
      if (!token?.accessToken) return;
      await fetch(`${apiUrl()}/api/auth/logout`, { method: 'POST', headers: { Authorization: `Bearer ${token.accessToken}` } }).catch(
        () => undefined,
      );
    },
  },
  callbacks: {
    async jwt({ token, user, trigger }) {
      if (user) {
        return {
          ...token,
          uid: user.id,
          email: user.email,
          name: user.name,
          role: user.role,
          timeZone: user.timeZone,
          language: user.language,
          accessToken: user.accessToken,
          accessTokenExpires: user.accessTokenExpires,
          visit: user.visit,
          hasPassword: user.hasPassword,
        };
      }
      // next-auth clears the cookie and answers "no session" when this callback throws.
      if (!token.accessTokenExpires || Date.now() >= token.accessTokenExpires) {
        throw new Error('The API token has expired; sign in again.');
      }
      // The profile page changed the account (`update()` from next-auth/react): the API says what it is now;
      // what the page sent with the update is not trusted. Should the API not answer, the session stays as it was
      // (a thrown error here would sign the person out).
      if (trigger === 'update') return { ...token, ...(await profileOf(token.accessToken).catch(() => ({}))) };
      return token;
    },
    // The API token stays in the encrypted, httpOnly cookie: the session that page JavaScript
    // can read (`/api/auth/session`) names the user and nothing that opens the API.
    async session({ session, token }) {
      return {
        // The session never claims to last longer than the API token behind it.
        expires: new Date(Math.min(Date.parse(session.expires), token.accessTokenExpires)).toISOString(),
        accessTokenExpires: token.accessTokenExpires,
        user: {
          id: token.uid,
          email: token.email,
          name: token.name,
          role: token.role,
          timeZone: token.timeZone,
          language: token.language,
          ...(token.visit ? { visit: token.visit } : {}),
          ...(token.hasPassword !== undefined ? { hasPassword: token.hasPassword } : {}),
        },
      };
    },
    // Every place next-auth redirects to after signing in or out stays on this site.
    async redirect({ url, baseUrl }) {
      return `${baseUrl}${safeCallbackPath(url, '/', baseUrl)}`;
    },
  },
};

/** The name, time zone and language of the account behind `accessToken`, as the API has them now. */
async function profileOf(accessToken: string): Promise<Pick<UserResponse, 'name' | 'timeZone' | 'language'>> {
  const response = await fetch(`${apiUrl()}/api/me`, { headers: { Authorization: `Bearer ${accessToken}` }, cache: 'no-store' });
  if (!response.ok) throw new Error(`GET /api/me answered ${response.status}`);
  const { name, timeZone, language } = ZUserResponseSchema.parse(await response.json());
  return { name, timeZone, language };
}

/** The signed-in session with a still-valid API token, or null. */
export async function getSession(): Promise<Session | null> {
  // A cookie whose API token has run out is no session; asking next-auth would only log the jwt callback's refusal.
  if (!(await sessionToken())) return null;
  const session = await getServerSession(authOptions);
  if (!session?.user || Date.now() >= session.accessTokenExpires) return null;
  return session;
}

/** The decrypted next-auth cookie of this request (server only), when its API token is still in date. */
async function sessionToken(): Promise<JWT | null> {
  // Only the cookie counts: getToken would also read an `Authorization` header, which nobody should send here.
  const token = await getToken({
    req: { cookies: await cookies(), headers: {} } as unknown as Parameters<typeof getToken>[0]['req'],
    secureCookie: secureCookies(),
  });
  if (!token?.accessToken || Date.now() >= Number(token.accessTokenExpires ?? 0)) return null;
  return token;
}

/**
 * The long API token of this request's session, for server code that calls the API (server
 * components, route handlers, the /bff proxy). It never leaves the server.
 */
export async function getApiToken(): Promise<string | null> {
  return (await sessionToken())?.accessToken ?? null;
}

/** Whether the API still accepts `token`: `revoked` only when it says the session is over, `unknown` when it cannot be asked. */
export async function checkApiToken(token: string): Promise<'valid' | 'revoked' | 'unknown'> {
  return (await accountNow(token)).status;
}

type AccountNow = { status: 'valid'; user: UserResponse } | { status: 'revoked' | 'unknown' };

/**
 * `GET /api/me` with the API token: whether the token still holds and the account as the API has it
 * now, asked once per server render (React's `cache`) however many parts of the page need it.
 */
export const accountNow = cache(async (token: string): Promise<AccountNow> => {
  try {
    const response = await fetch(`${apiUrl()}/api/me`, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
    const body: unknown = await response.json().catch(() => null);
    if (response.ok) {
      const user = ZUserResponseSchema.safeParse(body);
      return user.success ? { status: 'valid', user: user.data } : { status: 'unknown' };
    }
    const reason = reasonOfBody(body, response.status);
    return { status: reason === 'unauthenticated' || reason === 'session_expired' ? 'revoked' : 'unknown' };
  } catch {
    return { status: 'unknown' };
  }
});

/** A role's start page. A guest has none of their own: only their visit, which their session names (see homeOf). */
export function homeFor(role: Role): string {
  switch (role) {
    case 'DOCTOR':
      return '/doctor';
    case 'ADMIN':
      return '/admin';
    case 'PATIENT':
      return '/patient';
    case 'GUEST':
      return '/sign-out';
  }
}

/** A signed-in person's start page: `/` for a visit-link session (which sends it on to its visit), else their role's. */
export function homeOf(user: Pick<UserResponse, 'role' | 'visit'>): string {
  return user.visit ? '/' : homeFor(user.role);
}

/**
 * Where a visit-link session belongs: its visit (`/visit/<sessionId>`, which starts with the
 * device check) until the visit is over, then the visit's record. When the API cannot say, the
 * visit page, which explains the visit's state itself. A guest's link opens the call and its chat,
 * never the record: a guest always goes to the visit page.
 */
export async function visitLinkHome(visit: { sessionId: string }, role?: Role): Promise<string> {
  const id = encodeURIComponent(visit.sessionId);
  if (role === 'GUEST') return `/visit/${id}`;
  const token = await getApiToken();
  if (!token) return `/visit/${id}`;
  try {
    const response = await fetch(`${apiUrl()}/api/sessions/${id}/appointment`, {
      headers: { authorization: `Bearer ${token}` },
      cache: 'no-store',
    });
    const appointment = ZAppointmentResponseSchema.safeParse(response.ok ? await response.json() : null);
    if (!appointment.success) return `/visit/${id}`;
    const { status, sessionStatus, joinClosesAt } = appointment.data;
    const over = status !== 'SCHEDULED' || sessionStatus === 'ENDED' || Date.now() >= Date.parse(joinClosesAt);
    return over ? `/history/${id}` : `/visit/${id}`;
  } catch {
    return `/visit/${id}`;
  }
}

/** Where a session the API no longer accepts goes: a route that clears the cookie, then sign-in with a sentence. */
export function sessionEndedPath(callbackUrl: string): string {
  return `/session-ended?callbackUrl=${encodeURIComponent(safeCallbackPath(callbackUrl, '/'))}`;
}

/**
 * For server pages: the session, or a redirect to sign-in (and to the user's own home for a
 * wrong role). The API is asked whether the token still holds, so a session revoked elsewhere
 * (sign-out on another device) ends here once instead of bouncing between pages.
 */
export async function requireSession(callbackUrl: string, role?: Role): Promise<Session> {
  const session = await getSession();
  if (!session) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  const token = await getApiToken();
  const account = token ? await accountNow(token) : null;
  if (!account || account.status === 'revoked') redirect(sessionEndedPath(callbackUrl));
  if (role && session.user.role !== role) redirect(homeOf(session.user));
  return account.status === 'valid' ? withProfile(session, account.user) : session;
}

/**
 * The session with the account's name, time zone and language as the API has them now: the cookie
 * keeps them from sign-in, and a change made on another device (the profile page) would otherwise
 * reach this one only at its next sign-in.
 */
function withProfile(session: Session, { name, timeZone, language }: UserResponse): Session {
  return { ...session, user: { ...session.user, name, timeZone, language } };
}

/** The signed-in person's language as their account has it now (see withProfile); null when nobody is signed in. */
export async function signedInLanguage(): Promise<Language | null> {
  const session = await getSession();
  if (!session) return null;
  const token = await getApiToken();
  const account = token ? await accountNow(token) : null;
  return account?.status === 'valid' ? account.user.language : (session.user.language ?? null);
}

/** Who is signed in on this browser with a password, when the API still accepts it: whom opening a visit link would sign out here. */
export async function passwordSessionHolder(): Promise<{ name: string; role: Role } | null> {
  const session = await getSession();
  if (!session || session.user.visit) return null;
  const token = await getApiToken();
  if (!token || (await checkApiToken(token)) === 'revoked') return null;
  return { name: session.user.name, role: session.user.role };
}
