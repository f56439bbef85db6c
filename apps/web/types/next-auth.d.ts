import type { Role } from '@telehealth/contracts';
import 'next-auth';
import 'next-auth/jwt';

declare module 'next-auth' {
  /** What page JavaScript may see: the API token stays in the server-side JWT only. */
  interface Session {
    /** When the API token stops working (ms since epoch); past it the session counts as signed out. */
    accessTokenExpires: number;
    user: { id: string; email: string; name: string; role: Role; timeZone: string };
  }
  interface User {
    id: string;
    email: string;
    name: string;
    role: Role;
    timeZone: string;
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
    accessToken: string;
    accessTokenExpires: number;
  }
}
