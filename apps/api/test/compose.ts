import { safeLoad } from 'js-yaml';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * docker-compose.yml read as a container engine reads it: YAML with merge keys, then compose's
 * `${VAR}` interpolation. The compose check (compose-file.spec.ts) and the stack tests (coturn,
 * nginx from Debian's packages) take what they need from here, so the file stays the single source.
 */

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const COMPOSE_FILE = path.join(REPO_ROOT, 'docker-compose.yml');
export const ENV_EXAMPLE_FILE = path.join(REPO_ROOT, '.env.example');
export const NGINX_CONF_FILE = path.join(REPO_ROOT, 'deploy/nginx.conf');

export interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string; target?: string };
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  restart?: string;
  volumes?: Array<string | { type?: string; source?: string; target?: string }>;
  ports?: Array<string | number>;
  network_mode?: string;
  [key: string]: unknown;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  [key: string]: unknown;
}

/** A compose file's text: `composeFile` is a path, or the YAML itself when it spans lines. */
function composeText(composeFile: string): string {
  return composeFile.includes('\n') ? composeFile : readFileSync(composeFile, 'utf8');
}

/** The file as parsed YAML (merge keys applied, nothing interpolated yet). */
export function readCompose(composeFile: string = COMPOSE_FILE): ComposeFile {
  const parsed = safeLoad(composeText(composeFile)) as ComposeFile | undefined;
  if (!parsed || typeof parsed.services !== 'object') throw new Error('the compose file has no services');
  return parsed;
}

export type VariableOperator = '' | ':-' | '-' | ':?' | '?' | ':+' | '+';

/** One `${NAME…}` or `$NAME` in a compose value; `argument` is the default, error or alternative as written. */
export interface VariableUse {
  name: string;
  operator: VariableOperator;
  argument: string;
}

/** The index of the `}` closing the `${` at `open`, across nested `${…}` and `$$` escapes; -1 when unclosed. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '$') i++;
    else if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

const BRACED = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:-|-|:\?|\?|:\+|\+)([\s\S]*))?$/;
const BARE = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Walks compose's interpolation syntax. `onVariable` decides what a `${…}` becomes (and may
 * expand its argument with `expand`); text outside variables is kept, `$$` is a literal `$`.
 */
function walk(text: string, onVariable: (use: VariableUse, expand: (nested: string) => string) => string): string {
  const expand = (nested: string) => walk(nested, onVariable);
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (char !== '$') {
      out += char;
      i++;
    } else if (text[i + 1] === '$') {
      out += '$';
      i += 2;
    } else if (text[i + 1] === '{') {
      const end = closingBrace(text, i);
      const match = end < 0 ? null : BRACED.exec(text.slice(i + 2, end));
      if (!match) throw new Error(`invalid interpolation in ${JSON.stringify(text)}`);
      out += onVariable({ name: match[1]!, operator: (match[2] ?? '') as VariableOperator, argument: match[3] ?? '' }, expand);
      i = end + 1;
    } else {
      const name = BARE.exec(text.slice(i + 1))?.[0];
      if (name) out += onVariable({ name, operator: '', argument: '' }, expand);
      else out += char;
      i += name ? name.length + 1 : 1;
    }
  }
  return out;
}

/** Every variable a value uses, nested ones (`${A:-x${B}}`) included. */
export function variablesIn(text: string): VariableUse[] {
  const uses: VariableUse[] = [];
  walk(text, (use, expand) => {
    uses.push(use);
    expand(use.argument);
    return '';
  });
  return uses;
}

/** Compose's interpolation of one value with `env` (what .env and the shell give); a missing required variable throws compose's sentence. */
export function interpolate(text: string, env: Record<string, string | undefined>): string {
  return walk(text, ({ name, operator, argument }, expand) => {
    const value = env[name];
    const unset = value === undefined;
    const empty = unset || value === '';
    switch (operator) {
      case '':
        return value ?? '';
      case ':-':
        return empty ? expand(argument) : value;
      case '-':
        return unset ? expand(argument) : value;
      case ':?':
      case '?':
        if (operator === ':?' ? empty : unset) throw new Error(`required variable ${name} is missing a value: ${expand(argument)}`);
        return value ?? '';
      case ':+':
        return empty ? '' : expand(argument);
      case '+':
        return unset ? '' : expand(argument);
    }
  });
}

/** Every string in a parsed YAML value with where it is (`services.coturn.command[3]`). */
export function stringsIn(value: unknown, at = ''): Array<{ at: string; text: string }> {
  if (typeof value === 'string') return [{ at, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringsIn(item, `${at}[${index}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => stringsIn(item, at ? `${at}.${key}` : key));
  }
  return [];
}

/** A service's environment as a map (compose allows a map or a list of NAME=value), values as written. */
export function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((entry) => [entry.split('=')[0]!, entry.includes('=') ? entry.slice(entry.indexOf('=') + 1) : '']));
  }
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]));
}

/** A service's depends_on as target → condition (a plain list means service_started). */
export function dependsOn(service: ComposeService): Record<string, string> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, dep]) => [name, dep?.condition ?? 'service_started']));
}

/** A service's command as an argument list (the exec form; a string is split on whitespace as compose does for simple commands). */
export function commandOf(service: ComposeService): string[] {
  const command = service.command ?? [];
  return Array.isArray(command) ? command.map(String) : command.split(/\s+/).filter(Boolean);
}

/** The service running Debian's/coturn's turnserver: the one whose image is coturn's. */
export function coturnService(compose: ComposeFile): [string, ComposeService] {
  const found = Object.entries(compose.services).find(([, service]) => /(^|\/)coturn(:|$)/.test(service.image ?? ''));
  if (!found) throw new Error('docker-compose.yml has no coturn service (an image coturn/coturn:…)');
  return found;
}

/**
 * coturn's command-line flags as docker-compose.yml gives them, interpolated with `env` as compose
 * would (TURN_SECRET and the like: pass them, a missing required one throws compose's sentence).
 * The stack test starts Debian's `turnserver` with exactly these, so the two cannot drift apart.
 */
export function coturnArgs(composeFile: string = COMPOSE_FILE, env: Record<string, string | undefined> = {}): string[] {
  const [, service] = coturnService(readCompose(composeFile));
  return commandOf(service).map((arg) => interpolate(arg, env));
}

export interface UpstreamServer {
  host: string;
  port: number;
}

/** A service's build as compose reads it (`build: .` is the context alone). */
export function buildOf(service: ComposeService): { context?: string; dockerfile?: string; target?: string } | undefined {
  return typeof service.build === 'string' ? { context: service.build } : service.build;
}

/** The service running nginx: built from a Dockerfile's `nginx` stage, or an nginx image. */
export function nginxService(compose: ComposeFile): [string, ComposeService] {
  const found = Object.entries(compose.services).find(
    ([, service]) => buildOf(service)?.target === 'nginx' || /(^|\/)nginx(:|$)/.test(service.image ?? ''),
  );
  if (!found) throw new Error('docker-compose.yml has no nginx service (built with target: nginx, or an image nginx:…)');
  return found;
}

export interface DockerStage {
  /** `AS name`, or the stage's index when it has none. */
  name: string;
  from: string;
  /** The stage's instructions after FROM, continuation lines joined. */
  instructions: string[];
}

/** A Dockerfile's build stages in order (the last one is what a build without `target` makes). */
export function dockerStages(dockerfile: string): DockerStage[] {
  const stages: DockerStage[] = [];
  const lines = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  for (const line of lines) {
    const from = /^FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(line);
    if (from) stages.push({ name: from[2] ?? String(stages.length), from: from[1]!, instructions: [] });
    else stages.at(-1)?.instructions.push(line);
  }
  return stages;
}

/** The directives of nginx's `location <match> { … }` (a block without nested blocks), or undefined when there is none. */
export function nginxLocation(conf: string, match: string): string[] | undefined {
  const withoutComments = conf.replace(/#[^\n]*/g, '');
  for (const block of withoutComments.matchAll(/\blocation\s+([^{]+?)\s*\{([^{}]*)\}/g)) {
    if (block[1] === match) {
      return block[2]!
        .split(';')
        .map((directive) => directive.trim().replace(/\s+/g, ' '))
        .filter(Boolean);
    }
  }
  return undefined;
}

/** Where nginx serves Next's build files from: the `root` of `location /_next/static/` (its files are `<root>/_next/static/…`). */
export function nginxStaticRoot(conf: string): string | undefined {
  const root = nginxLocation(conf, '/_next/static/')?.find((directive) => directive.startsWith('root '));
  return root?.slice('root '.length);
}

/** nginx's `upstream name { server host:port …; }` blocks: name → servers (the port defaults to 80 as in nginx). */
export function nginxUpstreams(conf: string): Record<string, UpstreamServer[]> {
  const upstreams: Record<string, UpstreamServer[]> = {};
  const withoutComments = conf.replace(/#[^\n]*/g, '');
  for (const block of withoutComments.matchAll(/upstream\s+([\w.-]+)\s*\{([^}]*)\}/g)) {
    upstreams[block[1]!] = [...block[2]!.matchAll(/(?:^|[;{\s])server\s+([^\s;:]+)(?::(\d+))?[^;]*;/g)].map((server) => ({
      host: server[1]!,
      port: server[2] ? Number(server[2]) : 80,
    }));
  }
  return upstreams;
}

/** The ports nginx's server blocks `listen` on. */
export function nginxListenPorts(conf: string): number[] {
  const withoutComments = conf.replace(/#[^\n]*/g, '');
  return [...withoutComments.matchAll(/\blisten\s+(?:[^\s;]*:)?(\d+)[^;]*;/g)].map((match) => Number(match[1]));
}

/** The hosts of every `proxy_pass http://host…` in the configuration. */
export function nginxProxyPassHosts(conf: string): string[] {
  const withoutComments = conf.replace(/#[^\n]*/g, '');
  return [...withoutComments.matchAll(/\bproxy_pass\s+https?:\/\/([^\s/:;$]+)/g)].map((match) => match[1]!);
}

/** .env.example as NAME → value (comments and blank lines skipped, surrounding quotes removed). */
export function readEnvExample(file: string = ENV_EXAMPLE_FILE): Record<string, string> {
  const entries: Array<[string, string]> = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(line);
    if (!match) continue;
    const raw = match[2]!.trim();
    entries.push([match[1]!, /^(['"]).*\1$/.test(raw) ? raw.slice(1, -1) : raw]);
  }
  return Object.fromEntries(entries);
}
