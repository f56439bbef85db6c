import type { Role, UserResponse } from '@telehealth/contracts';

/** The signed-in caller, resolved from the access token on every request and socket. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  timeZone: string;
}

/** The caller with the sign-in session behind the token (an access token, or a ticket of it). */
export interface AuthenticatedUser extends AuthUser {
  /** When the session ends (the access token's expiry): sockets close then. */
  sessionExpiresAt: Date;
  /** When the session began (the access token's issue time, ms): a sign-out after it revokes it. */
  sessionIssuedAtMs: number;
}

export function toUserResponse(user: AuthUser): UserResponse {
  return { id: user.id, email: user.email, name: user.name, role: user.role, timeZone: user.timeZone };
}

/** The AuthUser fields alone (what request.user and socket.data.user hold). */
export function toAuthUser(user: AuthUser): AuthUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role, timeZone: user.timeZone };
}
