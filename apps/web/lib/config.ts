/** Server-side base URL of the API (inside the deployment). */
export function apiUrl(): string {
  return trimSlash(process.env.API_URL ?? 'http://localhost:4000');
}

/** The URL the browser uses for the API and its Socket.IO; read at run time, passed down as a prop. */
export function publicApiUrl(): string {
  return trimSlash(process.env.PUBLIC_API_URL ?? process.env.API_URL ?? 'http://localhost:4000');
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
