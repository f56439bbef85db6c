/** Server-side base URL of the API (inside the deployment). */
export function apiUrl(): string {
  return trimSlash(process.env.API_URL ?? 'http://localhost:4000');
}

/**
 * The origin the browser's signaling socket connects to; read at run time, passed down as a prop.
 * Empty (the default): the page's own origin, where the front server (`npm start`) or nginx
 * (compose) sends `/socket.io/` to the API. Set PUBLIC_API_URL only when the API is on another origin.
 */
export function publicApiUrl(): string {
  return trimSlash(process.env.PUBLIC_API_URL ?? '');
}

/**
 * Whether browsers reach this app over https: then next-auth's cookies are `__Secure-`/`__Host-`
 * and Secure. One answer for every place that names the session cookie (next-auth itself, the
 * proxy, server components), so none of them looks for a cookie the browser was never given.
 * True when `npm start -- --https` serves the app (HTTPS=true) or NEXTAUTH_URL is https.
 */
export function secureCookies(): boolean {
  return (
    ['true', '1', 'yes', 'on'].includes((process.env.HTTPS ?? '').toLowerCase()) || /^https:\/\//i.test(process.env.NEXTAUTH_URL ?? '')
  );
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
