// Types of front-routes.mjs for the TypeScript that imports it (e2e/front-routes.spec.ts).
export function routeFor(target: string): 'api' | 'web';
export function isImmutableAsset(target: string): boolean;
export function acceptsBrotli(header: string | undefined): boolean;
export function compressibleType(contentType: string | undefined): boolean;
export function plainAddress(address: string | undefined): string | undefined;
export function forwardedHeaders(seen: {
  remoteAddress: string | undefined;
  host: string | undefined;
  secure: boolean;
  port: number;
}): Record<string, string>;
export const CLIENT_CLAIMED_HEADERS: string[];
