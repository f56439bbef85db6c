import type { Language, Role } from '@telehealth/contracts';
import type { User as SignedInUser } from './user';
import 'next-auth';
import 'next-auth/jwt';

declare module 'next-auth' {
  /** What page JavaScript may see: the API token stays in the server-side JWT only. */
  interface Session {
    /** When the API token stops working (ms since epoch); past it the session counts as signed out. */
    accessTokenExpires: number;
    user: SignedInUser;
  }
  /** What `authorize` returns: the signed-in person plus the API token, which stays in the JWT. */
  interface User extends SignedInUser {
    // Restated: next-auth's own User has these optional and nullable.
    email: SignedInUser['email'];
    name: SignedInUser['name'];
    accessToken: string;
    accessTokenExpires: number;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid: string;
    email: string;
    name: string;
    role: Role;
    timeZone: string;
    language: Language;
    accessToken: string;
    accessTokenExpires: number;
    /** Set for a session opened by a visit link or code: the one visit it opens. */
    visit?: { appointmentId: string; sessionId: string };
    /** False for an account made by a booking until its owner chooses a password. */
    hasPassword?: boolean;
  }
}
