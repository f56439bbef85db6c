import type { Role, UserResponse } from '@telehealth/contracts';

/** The signed-in caller, resolved from the access token on every request and socket. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  timeZone: string;
}

export function toUserResponse(user: AuthUser): UserResponse {
  return { id: user.id, email: user.email, name: user.name, role: user.role, timeZone: user.timeZone };
}
