// Types of local-network.mjs for the TypeScript that imports it (e2e/front-routes.spec.ts).
import type { NetworkInterfaceInfo } from 'node:os';
export interface AppAddress {
  url: string;
  note: string;
  lan?: boolean;
}
export function lanAddresses(interfaces?: NodeJS.Dict<NetworkInterfaceInfo[]>): string[];
export function machineNames(hostname?: string): string[];
export function appAddresses(options: { secure: boolean; port: number; hostname?: string; lan?: string[] }): AppAddress[];
