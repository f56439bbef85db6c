import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COMPOSE_FILE, coturnArgs } from '../../apps/api/test/compose';
import { freePort } from '../../apps/api/test/free-port';
import { listeningOn, stopChild } from './stack';

export const TURNSERVER = process.env.TURNSERVER_PATH ?? '/usr/bin/turnserver';

/**
 * The TURN relay journey needs Debian's coturn (`turnserver`). In CI it is required (a missing
 * program fails the run); on a developer machine without it the journey is skipped with a notice.
 */
export function turnserverAvailable(): boolean {
  if (fs.existsSync(TURNSERVER)) return true;
  if (process.env.CI) throw new Error(`coturn is required in CI but ${TURNSERVER} is missing (apt-get install -y coturn).`);
  console.warn(`skipping the TURN relay journey: ${TURNSERVER} is missing (apt-get install -y coturn)`);
  return false;
}

export interface Coturn {
  /** What the API's TURN_URLS should say to reach it (UDP and TCP, as in compose). */
  turnUrls: string;
  port: number;
  /** The flags it was started with: compose's, then this machine's (loopback, temp files). */
  args: string[];
  /** Its log file so far. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Debian's coturn in the foreground with docker-compose.yml's flags (`use-auth-secret`,
 * `static-auth-secret=<secret>`, the realm, the relay port range…), on loopback: compose's
 * listening port becomes a free one, and this machine's needs are added after: listen and relay
 * on 127.0.0.1 and let peers there be relayed to (both browsers are on this machine), no TLS/DTLS
 * listeners (compose names no certificate either), its own empty config, database, log and pid
 * files in a temp folder (never /etc/turnserver.conf or /var/lib/turn).
 */
export async function startCoturn(secret: string): Promise<Coturn> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telehealth-coturn-'));
  const logFile = path.join(dir, 'turnserver.log');
  const config = path.join(dir, 'turnserver.conf');
  fs.writeFileSync(config, '# empty: every setting is on the command line\n');
  const fromCompose = coturnArgs(COMPOSE_FILE, { TURN_SECRET: secret }).map((flag) =>
    flag.startsWith('--listening-port=') ? `--listening-port=${port}` : flag,
  );
  if (!fromCompose.includes(`--listening-port=${port}`))
    throw new Error(`docker-compose.yml's coturn has no --listening-port: ${fromCompose.join(' ')}`);
  const args = [
    '-c',
    config,
    ...fromCompose,
    '--listening-ip=127.0.0.1',
    '--relay-ip=127.0.0.1',
    '--allow-loopback-peers',
    '--no-tls',
    '--no-dtls',
    `--userdb=${path.join(dir, 'turndb')}`,
    `--pidfile=${path.join(dir, 'turnserver.pid')}`,
    `--log-file=${logFile}`,
    '--simple-log',
    '--no-stdout-log',
    '--verbose',
  ];
  const child = spawn(TURNSERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const log = () => {
    const file = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
    return `${file}${output}`;
  };
  const stop = async () => {
    await stopChild(child);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await listeningOn(port, child, 'turnserver', log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { turnUrls: `turn:127.0.0.1:${port}?transport=udp,turn:127.0.0.1:${port}?transport=tcp`, port, args, log, stop };
}
