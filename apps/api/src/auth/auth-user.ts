import type { Language, Role, UserResponse } from '@telehealth/contracts';

/** The signed-in caller, resolved from the access token on every request and socket. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  timeZone: string;
  /** What the web app, emails and reports are written in for this person. */
  language: Language;
  /** Set when the session came from a visit link: it opens this one visit (access/access-policy.ts). */
  visit?: VisitLinkScope;
  /** False for an account made by a booking until its owner chooses a password. */
  hasPassword?: boolean;
}

/** The one visit a visit-link session opens, and the link it came from (revoking the link ends the session). */
export interface VisitLinkScope {
  appointmentId: string;
  sessionId: string;
  linkId: string;
}

/** The caller with the sign-in session behind the token (an access token, or a ticket of it). */
export interface AuthenticatedUser extends AuthUser {
  /** When the session ends (the access token's expiry): sockets close then. */
  sessionExpiresAt: Date;
  /** When the session began (the access token's issue time, ms): a sign-out after it revokes it. */
  sessionIssuedAtMs: number;
}

export function toUserResponse(user: AuthUser): UserResponse {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    timeZone: user.timeZone,
    language: user.language,
    ...(user.visit ? { visit: { appointmentId: user.visit.appointmentId, sessionId: user.visit.sessionId } } : {}),
    ...(user.hasPassword !== undefined ? { hasPassword: user.hasPassword } : {}),
  };
}

/** The AuthUser fields alone (what request.user and socket.data.user hold). */
export function toAuthUser(user: AuthUser): AuthUser {
  const { id, email, name, role, timeZone, language, visit, hasPassword } = user;
  return { id, email, name, role, timeZone, language, ...(visit ? { visit } : {}), ...(hasPassword !== undefined ? { hasPassword } : {}) };
}
