import { withAuth } from 'next-auth/middleware';

/** Signed-out visitors of protected pages go to /sign-in and come back afterwards (callbackUrl). */
export default withAuth({
  pages: { signIn: '/sign-in' },
  callbacks: {
    authorized: ({ token }) => Boolean(token?.accessToken) && Date.now() < Number(token?.accessTokenExpires ?? 0),
  },
});

export const config = {
  matcher: ['/doctor/:path*', '/patient/:path*', '/admin/:path*', '/visit/:path*', '/history/:path*'],
};
