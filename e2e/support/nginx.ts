import { execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { ApiProcess, startApiProcess } from '../../apps/api/test/api-process';
import { NGINX_CONF_FILE, nginxListenPorts, nginxStaticRoot, nginxUpstreams } from '../../apps/api/test/compose';
import { freePort } from '../../apps/api/test/free-port';
import { listeningOn, ROOT, stopChild, WEB_STOP_SIGNAL } from './stack';

export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
/** Where Debian's packages enable nginx's dynamic modules (its nginx.conf includes every file here, as the image's does). */
const MODULES_ENABLED = '/etc/nginx/modules-enabled';
const BROTLI_PACKAGES = ['libnginx-mod-http-brotli-static', 'libnginx-mod-http-brotli-filter'];
/** The build files of the built web app, which the image's nginx stage copies. */
const NEXT_STATIC = path.join(ROOT, 'apps/web/.next/static');

/**
 * The stack journey needs Debian's nginx with its Brotli modules. In CI they are required (a
 * missing one fails the run); on a developer machine without them the journey is skipped with a notice.
 */
export function nginxAvailable(): boolean {
  const install = `apt-get install -y nginx ${BROTLI_PACKAGES.join(' ')}`;
  const enabled = fs.existsSync(MODULES_ENABLED) ? fs.readdirSync(MODULES_ENABLED) : [];
  const missing = [
    ...(fs.existsSync(NGINX) ? [] : [NGINX]),
    ...BROTLI_PACKAGES.filter((name) => !enabled.some((file) => file.includes(name.replace(/^libnginx-/, '')))),
  ];
  if (missing.length === 0) return true;
  if (process.env.CI) throw new Error(`nginx with Brotli is required in CI but ${missing.join(', ')} is missing (${install}).`);
  console.warn(`skipping the nginx stack journey: ${missing.join(', ')} is missing (${install})`);
  return false;
}

/** nginx's compiled-in prefix, against which Debian's modules-enabled files name the modules (`modules/….so`). */
function compiledPrefix(): string {
  const version = execFileSync(NGINX, ['-V'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return /--prefix=(\S+)/.exec(version)?.[1] ?? '/usr/share/nginx';
}

/**
 * deploy/nginx.conf with this machine's addresses, everything else as compose mounts it: each
 * upstream's `server <compose host>:<port>` becomes `server 127.0.0.1:<local port>` (in order,
 * keeping its parameters: max_fails, fail_timeout), `listen 80` becomes `listen 127.0.0.1:<port>`,
 * `set_real_ip_from <compose host>` (a name only compose's network resolves) becomes 127.0.0.1, and
 * the image's folder of Next's build files (the `root` of `/_next/static/`) becomes `staticRoot`.
 * Throws when the file's upstreams do not have as many servers as given, so the two cannot drift apart.
 */
export function renderNginxConf(conf: string, upstreams: Record<string, number[]>, listenPort: number, staticRoot: string): string {
  const declared = nginxUpstreams(conf);
  const hosts = new Set<string>();
  for (const [name, ports] of Object.entries(upstreams)) {
    const servers = declared[name];
    if (servers?.length !== ports.length) {
      throw new Error(`deploy/nginx.conf: upstream ${name} has ${servers?.length ?? 0} servers, the stack test starts ${ports.length}`);
    }
    servers.forEach((server) => hosts.add(server.host));
  }
  let rendered = conf.replace(/upstream\s+([\w.-]+)\s*\{([^}]*)\}/g, (block, name: string, body: string) => {
    const ports = upstreams[name];
    if (!ports) return block;
    let next = 0;
    const servers = body.replace(/(^|[;{\s])server\s+[^\s;]+/g, (_match, before: string) => `${before}server 127.0.0.1:${ports[next++]}`);
    return `upstream ${name} {${servers}}`;
  });
  if (nginxListenPorts(conf).length !== 1) throw new Error('deploy/nginx.conf: expected one listen port');
  rendered = rendered.replace(/\blisten\s+[^;]+;/, `listen 127.0.0.1:${listenPort};`);
  rendered = rendered.replace(/\bset_real_ip_from\s+([^\s;]+);/g, (line, host: string) =>
    hosts.has(host) ? 'set_real_ip_from 127.0.0.1;' : line,
  );
  const imageRoot = nginxStaticRoot(conf);
  if (!imageRoot) throw new Error('deploy/nginx.conf: location /_next/static/ has no root');
  return rendered.replaceAll(`root ${imageRoot};`, `root ${staticRoot};`);
}

export interface Nginx {
  port: number;
  origin: string;
  /** nginx's copy of the web app's `.next/static`, precompressed as the image's (served at /_next/static/). */
  staticDir: string;
  /** The upstream address (127.0.0.1:port) and status of every request to `pathPrefix`, from the access log. */
  upstreamsOf(pathPrefix: string): Array<{ path: string; status: number; upstream: string }>;
  log(): string;
  stop(): Promise<void>;
}

/**
 * Debian's nginx in the foreground, as the compose stack's nginx: its main configuration (a temp
 * copy of what Debian's nginx.conf in the image has around `conf.d/default.conf`: the enabled
 * modules, mime.types, gzip; with pid, logs and temp folders in a temp prefix, never /etc/nginx or
 * /var/lib/nginx), including deploy/nginx.conf rendered with the local upstream ports and a copy of
 * the built web app's `.next/static` precompressed by the image's script (see renderNginxConf). The
 * access log records each request's upstream.
 */
export async function startNginx(upstreams: Record<string, number[]>, port: number): Promise<Nginx> {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'telehealth-nginx-'));
  // Run as root, nginx's workers are `nobody`: they must reach the prefix and write their temp files.
  fs.chmodSync(prefix, 0o755);
  for (const dir of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) fs.mkdirSync(path.join(prefix, dir), { mode: 0o777 });
  for (const dir of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) fs.chmodSync(path.join(prefix, dir), 0o777);
  fs.symlinkSync(path.join(compiledPrefix(), 'modules'), path.join(prefix, 'modules'));
  const staticRoot = path.join(prefix, 'web');
  const staticDir = path.join(staticRoot, '_next/static');
  fs.cpSync(NEXT_STATIC, staticDir, { recursive: true });
  await promisify(execFile)(process.execPath, [path.join(ROOT, 'scripts/precompress-static.mjs'), staticDir]);
  const site = path.join(prefix, 'default.conf');
  fs.writeFileSync(site, renderNginxConf(fs.readFileSync(NGINX_CONF_FILE, 'utf8'), upstreams, port, staticRoot));
  const errorLog = path.join(prefix, 'error.log');
  const accessLog = path.join(prefix, 'access.log');
  const main = path.join(prefix, 'nginx.conf');
  fs.writeFileSync(
    main,
    [
      'daemon off;',
      'worker_processes 1;',
      `pid ${path.join(prefix, 'nginx.pid')};`,
      `error_log ${errorLog} info;`,
      `include ${MODULES_ENABLED}/*.conf;`,
      'events { worker_connections 1024; }',
      'http {',
      '  include /etc/nginx/mime.types;',
      '  default_type application/octet-stream;',
      '  sendfile on;',
      '  tcp_nopush on;',
      '  gzip on;',
      `  client_body_temp_path ${path.join(prefix, 'client_body')};`,
      `  proxy_temp_path ${path.join(prefix, 'proxy')};`,
      `  fastcgi_temp_path ${path.join(prefix, 'fastcgi')};`,
      `  uwsgi_temp_path ${path.join(prefix, 'uwsgi')};`,
      `  scgi_temp_path ${path.join(prefix, 'scgi')};`,
      "  log_format upstreams '$status $upstream_addr $request_uri';",
      `  access_log ${accessLog} upstreams;`,
      `  include ${site};`,
      '}',
      '',
    ].join('\n'),
  );
  const child = spawn(NGINX, ['-p', prefix, '-c', main, '-e', errorLog], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
  const log = () => `${output}${read(errorLog)}`;
  const stop = async () => {
    // SIGTERM: nginx's fast shutdown; its workers go with the master.
    await stopChild(child);
    fs.rmSync(prefix, { recursive: true, force: true });
  };
  try {
    await listeningOn(port, child, 'nginx', log);
  } catch (error) {
    await stop();
    throw error;
  }
  const upstreamsOf = (pathPrefix: string) =>
    read(accessLog)
      .split('\n')
      .map((line) => line.split(' '))
      .filter((fields) => fields.length >= 3 && fields.at(-1)!.startsWith(pathPrefix))
      // `$upstream_addr` lists every server tried ("127.0.0.1:1, 127.0.0.1:2"): the last one answered.
      .map((fields) => ({ status: Number(fields[0]), upstream: fields.slice(1, -1).join(' ').split(', ').pop()!, path: fields.at(-1)! }));
  return { port, origin: `http://127.0.0.1:${port}`, staticDir, upstreamsOf, log, stop };
}

export interface NginxStack {
  /** The one address browsers open: nginx. */
  origin: string;
  /** The web app itself, behind nginx (compose's web service). */
  webOrigin: string;
  nginx: Nginx;
  /** The two API processes behind nginx's `upstream api` (compose's api1 and api2). */
  apis: ApiProcess[];
  logs(): string;
  stop(): Promise<void>;
}

/** The TCP connections established to 127.0.0.1:`port` now (nginx keeps none to its upstreams between requests: these are live sockets). */
export function establishedTo(port: number): number {
  const out = execFileSync('ss', ['-Htn', 'state', 'established', `( sport = :${port} )`], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.trim() !== '').length;
}

/**
 * compose's shape on loopback: two API processes (the run's database, the local Redis under one
 * key prefix, TRUST_PROXY=1 as in compose), the built web app (API_URL through nginx, no
 * PUBLIC_API_URL: the socket goes to the page's own origin), and nginx with deploy/nginx.conf in front.
 */
export async function startNginxStack(): Promise<NginxStack> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const secret = `nginx-stack-${randomUUID()}-${randomUUID()}`;
  const started: Array<{ stop(): Promise<void> }> = [];
  let webOutput = '';
  const apis: ApiProcess[] = [];
  const stop = async () => {
    await Promise.all(started.splice(0).map((part) => part.stop()));
  };
  try {
    const apiEnv = { WEB_ORIGIN: origin, TRUST_PROXY: '1', API_HOST: '127.0.0.1' };
    apis.push(...(await Promise.all([startApiProcess(apiEnv), startApiProcess(apiEnv)])));
    started.push(...apis);
    const webPort = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      API_URL: origin,
      NEXTAUTH_URL: origin,
      NEXTAUTH_SECRET: secret,
      NEXT_TELEMETRY_DISABLED: '1',
    };
    delete env.PUBLIC_API_URL;
    const web = spawn(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'start', '--port', String(webPort)], {
      cwd: path.join(ROOT, 'apps/web'),
      env,
    });
    web.stdout?.on('data', (chunk: Buffer) => (webOutput += chunk.toString()));
    web.stderr?.on('data', (chunk: Buffer) => (webOutput += chunk.toString()));
    started.push({
      stop: () => stopChild(web, WEB_STOP_SIGNAL),
    });
    const nginx = await startNginx({ api: apis.map((api) => api.port), web: [webPort] }, port);
    started.push(nginx);
    const logs = () =>
      [`[nginx] ${nginx.log()}`, ...apis.map((api, index) => `[api${index + 1}] ${api.log()}`), `[web] ${webOutput}`].join('\n');
    // The web app through nginx: its sign-in page, and the API's health.
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (web.exitCode !== null) throw new Error(`the web app exited:\n${logs()}`);
      const ok = await fetch(`${origin}/sign-in`)
        .then((response) => response.status === 200)
        .catch(() => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`${origin}/sign-in did not answer through nginx within 60 s:\n${logs()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return { origin, webOrigin: `http://127.0.0.1:${webPort}`, nginx, apis, logs, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
