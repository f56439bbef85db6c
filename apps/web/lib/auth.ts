import type { NextAuthOptions, Session } from 'next-auth';
import { getServerSession } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { redirect } from 'next/navigation';
import { ZAuthResponseSchema, ZErrorResponseSchema, type Role } from '@telehealth/contracts';
import { apiUrl } from './config';

/** The API's default token lifetime (JWT_TTL_MINUTES = 8 h); the cookie never outlives it. */
const SESSION_MAX_AGE_S = 8 * 60 * 60;

export const authOptions: NextAuthOptions = {
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
      async authorize(credentials) {
        if (!credentials?.email || !credentials.password) return null;
        let response: Response;
        try {
          response = await fetch(`${apiUrl()}/api/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: credentials.email, password: credentials.password }),
            cache: 'no-store',
          });
        } catch {
          throw new Error('The service cannot be reached right now. Please try again in a minute.');
        }
        const body: unknown = await response.json().catch(() => null);
        if (response.status === 401 || response.status === 400) return null;
        if (!response.ok) {
          const error = ZErrorResponseSchema.safeParse(body);
          throw new Error(error.success ? error.data.error : 'Signing in failed. Please try again.');
        }
        const auth = ZAuthResponseSchema.parse(body);
        return {
          id: auth.user.id,
          email: auth.user.email,
          name: auth.user.name,
          role: auth.user.role,
          timeZone: auth.user.timeZone,
          accessToken: auth.accessToken,
          accessTokenExpires: Date.parse(auth.expiresAt),
        };
      },
    }),
  ],
  events: {
    // Signing out of the web app also revokes the API token, so a copied token dies with the session.
    async signOut({ token }) {
      if (!token?.accessToken) return;
      await fetch(`${apiUrl()}/api/auth/logout`, { method: 'POST', headers: { Authorization: `Bearer ${token.accessToken}` } }).catch(() => undefined);
    },
  },
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        return {
          ...token,
          uid: user.id,
          email: user.email,
          name: user.name,
          role: user.role,
          timeZone: user.timeZone,
          accessToken: user.accessToken,
          accessTokenExpires: user.accessTokenExpires,
        };
      }
      // next-auth clears the cookie and answers "no session" when this callback throws.
      if (!token.accessTokenExpires || Date.now() >= token.accessTokenExpires) {
        throw new Error('The API token has expired; sign in again.');
      }
      return token;
    },
    async session({ session, token }) {
      return {
        ...session,
        // The session never claims to last longer than the API token behind it.
        expires: new Date(Math.min(Date.parse(session.expires), token.accessTokenExpires)).toISOString(),
        accessToken: token.accessToken,
        accessTokenExpires: token.accessTokenExpires,
        user: { id: token.uid, email: token.email, name: token.name, role: token.role, timeZone: token.timeZone },
      };
    },
  },
};

/** The signed-in session with a still-valid API token, or null. */
export async function getSession(): Promise<Session | null> {
  const session = await getServerSession(authOptions);
  if (!session?.accessToken || Date.now() >= session.accessTokenExpires) return null;
  return session;
}

export function homeFor(role: Role): string {
  return role === 'DOCTOR' ? '/doctor' : role === 'ADMIN' ? '/admin' : '/patient';
}

/** For server pages: the session, or a redirect to sign-in (and to the user's own home for a wrong role). */
export async function requireSession(callbackUrl: string, role?: Role): Promise<Session> {
  const session = await getSession();
  if (!session) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  if (role && session.user.role !== role) redirect(homeFor(session.user.role));
  return session;
}
