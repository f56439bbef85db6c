import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth';

const handler: (request: Request, context: unknown) => Promise<Response> = NextAuth(authOptions) as never;

export { handler as GET, handler as POST };
