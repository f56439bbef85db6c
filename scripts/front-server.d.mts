// Types of front-server.mjs for the TypeScript that imports it (e2e/front-routes.spec.ts).
export interface FrontServer {
  port: number;
  /** Once no Brotli compression is under way: the build files kept compressed at best quality, and their bytes. */
  brotliCache(): Promise<{ files: number; bytes: number }>;
  close(): Promise<void>;
}
export function startFrontServer(options: {
  port: number;
  host?: string;
  api: string;
  web: string;
  tls?: { key: string; cert: string } | null;
}): Promise<FrontServer>;
