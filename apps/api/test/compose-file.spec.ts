import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config/app-config';
import {
  COMPOSE_FILE,
  ComposeFile,
  ComposeService,
  buildOf,
  commandOf,
  coturnArgs,
  coturnService,
  dependsOn,
  dockerStages,
  environmentOf,
  interpolate,
  nginxListenPorts,
  nginxLocation,
  nginxProxyPassHosts,
  nginxService,
  nginxStaticRoot,
  nginxUpstreams,
  NGINX_CONF_FILE,
  readCompose,
  readEnvExample,
  REPO_ROOT,
  stringsIn,
  VariableUse,
  variablesIn,
} from './compose';

/**
 * What a container engine needs from docker-compose.yml, checked without one (there is none on
 * these machines): images, variables, start order, nginx's upstreams, coturn's secret, the replicas'
 * shared state. Each check lists its problems by service, so a failure says what to fix where.
 */

const compose: ComposeFile = readCompose();
const services = Object.entries(compose.services);
const envExample = readEnvExample();
const nginxConf = readFileSync(NGINX_CONF_FILE, 'utf8');

/** Secrets filled in as an operator would (long enough for every check the API and web app make). */
const SECRETS = {
  POSTGRES_PASSWORD: 'postgres-password-from-dot-env',
  JWT_SECRET: 'jwt-secret-from-dot-env-0123456789abcdef',
  NEXTAUTH_SECRET: 'nextauth-secret-from-dot-env-0123456789ab',
  TURN_SECRET: 'turn-secret-from-dot-env-0123',
};
/** `cp .env.example .env` with the secrets set: what compose interpolates with. */
const DOT_ENV: Record<string, string> = { ...envExample, ...SECRETS };

// The API runs as apps/api/dist/main.js, or through scripts/run-api.sh (which adds the Node.js flags for the container's CPUs).
const isApi = (service: ComposeService) =>
  commandOf(service).some((arg) => arg.endsWith('apps/api/dist/main.js') || arg.endsWith('scripts/run-api.sh'));
const apiServices = services.filter(([, service]) => isApi(service));

/** Where a value sits, by service (`x-api` for the anchor the API replicas merge). */
function owner(at: string): string {
  const [top, name] = at.split('.');
  return top === 'services' ? name! : top!;
}

/** Every variable use in the file with the services that make it. */
function variableUses(): Map<string, { uses: VariableUse[]; where: Set<string> }> {
  const byName = new Map<string, { uses: VariableUse[]; where: Set<string> }>();
  for (const { at, text } of stringsIn(compose)) {
    for (const use of variablesIn(text)) {
      const entry = byName.get(use.name) ?? { uses: [], where: new Set<string>() };
      entry.uses.push(use);
      entry.where.add(owner(at));
      byName.set(use.name, entry);
    }
  }
  return byName;
}

/** The port a service listens on inside its container: `--port N` in its command, the API's API_PORT, or PORT. */
function listeningPort(service: ComposeService): number | undefined {
  const command = commandOf(service);
  const flag = command.findIndex((arg) => arg === '--port' || arg.startsWith('--port='));
  if (flag >= 0) return Number(command[flag]!.includes('=') ? command[flag]!.split('=')[1] : command[flag + 1]);
  const env = environmentOf(service);
  if (isApi(service)) return loadConfig({ JWT_SECRET: SECRETS.JWT_SECRET, API_PORT: interpolate(env.API_PORT ?? '', DOT_ENV) }).API_PORT;
  return env.PORT ? Number(interpolate(env.PORT, DOT_ENV)) : undefined;
}

/** The container port of a `ports:` entry ("127.0.0.1:8025:8025", "${HTTP_PORT:-8080}:80", 80). */
function containerPort(entry: string): number {
  return Number(entry.split('/')[0]!.split(':').pop());
}

describe('docker-compose.yml (what a container engine needs, checked without one)', () => {
  it('gives every service an image or a build whose Dockerfile exists', () => {
    const problems: string[] = [];
    for (const [name, service] of services) {
      if (!service.image && !service.build) problems.push(`${name}: has neither image nor build`);
      if (service.build) {
        const build = typeof service.build === 'string' ? { context: service.build } : service.build;
        const dockerfile = path.join(REPO_ROOT, build.context ?? '.', build.dockerfile ?? 'Dockerfile');
        if (!existsSync(dockerfile)) problems.push(`${name}: builds from ${path.relative(REPO_ROOT, dockerfile)}, which does not exist`);
      }
      if (service.network_mode === 'host' && service.ports) problems.push(`${name}: publishes ports with network_mode: host`);
    }
    expect(problems).toEqual([]);
  });

  it('runs in each service built from this repository a program the image has', () => {
    // The image is the repository at the Dockerfile's last WORKDIR, built (apps/api/dist from apps/api/src) and installed.
    const workdir = [...readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8').matchAll(/^WORKDIR\s+(\S+)/gm)].pop()?.[1] ?? '/';
    const problems: string[] = [];
    for (const [name, service] of services.filter(([, service]) => service.build)) {
      const [program, script] = commandOf(service);
      // node runs a script of the image; sh a shell script of the repository (scripts/run-api.sh).
      if ((program !== 'node' && program !== 'sh') || !script) continue;
      const inImage = path.posix.resolve(typeof service.working_dir === 'string' ? service.working_dir : workdir, script);
      const inRepo = path.join(REPO_ROOT, path.posix.relative(workdir, inImage));
      const source = inRepo.replace(/\/apps\/api\/dist\/(.*)\.js$/, '/apps/api/src/$1.ts');
      if (!inImage.startsWith(`${workdir}/`) || !existsSync(source)) {
        problems.push(
          `${name}: runs ${inImage}, which the image does not have (${path.relative(REPO_ROOT, source)} is not in the repository)`,
        );
      }
    }
    expect(problems).toEqual([]);
  });

  it('lists every variable it uses in .env.example', () => {
    const problems = [...variableUses()]
      .filter(([name]) => !(name in envExample))
      .map(([name, { where }]) => `${[...where].join(', ')}: uses \${${name}}, which .env.example does not list`);
    expect(problems).toEqual([]);
  });

  it('never starts with an empty or published secret: required variables stop compose until .env sets them', () => {
    const problems: string[] = [];
    for (const [name, { uses, where }] of variableUses()) {
      const example = envExample[name];
      if (example === undefined) continue; // the test above names it
      const users = [...where].join(', ');
      const required = uses.some((use) => use.operator === ':?' || use.operator === '?');
      if (required && example !== '') {
        problems.push(`${users}: .env.example gives the required ${name} a value, so a copied .env starts with a secret everyone knows`);
      }
      for (const use of uses) {
        if (example !== '') continue;
        if (use.operator === '?')
          problems.push(`${users}: \${${name}?…} lets the empty ${name} of .env.example through: use \${${name}:?…}`);
        if (use.operator === '' || use.operator === '-') {
          problems.push(`${users}: \${${name}${use.operator}…} hands the empty ${name} of .env.example to the container: use :- or :?`);
        }
      }
    }
    expect(problems).toEqual([]);

    // `cp .env.example .env` and nothing else: compose stops with a sentence naming each secret to set.
    const required = [...variableUses()].filter(([, { uses }]) => uses.some((use) => use.operator === ':?')).map(([name]) => name);
    expect(required.sort()).toEqual(Object.keys(SECRETS).sort());
    for (const name of required) {
      const unset = { ...DOT_ENV, [name]: envExample[name] };
      const failures = stringsIn(compose).flatMap(({ text }) => {
        try {
          interpolate(text, unset);
          return [];
        } catch (error) {
          return [(error as Error).message];
        }
      });
      expect(failures).toContainEqual(expect.stringContaining(`required variable ${name} is missing a value: set ${name} in .env`));
    }
  });

  it('starts each service after what it needs: healthchecks on what must be healthy, one-shot jobs on what must complete', () => {
    const problems: string[] = [];
    for (const [name, service] of services) {
      for (const [target, condition] of Object.entries(dependsOn(service))) {
        const dependency = compose.services[target];
        if (!dependency) {
          problems.push(`${name}: depends on ${target}, which is not a service of the file`);
          continue;
        }
        if (condition === 'service_healthy' && (!dependency.healthcheck?.test || dependency.healthcheck.disable)) {
          problems.push(`${name}: waits for ${target} to be healthy, but ${target} has no healthcheck`);
        }
        if (condition === 'service_completed_successfully' && ['always', 'unless-stopped'].includes(dependency.restart ?? 'no')) {
          problems.push(
            `${name}: waits for ${target} to complete, but ${target} has restart: ${dependency.restart} (a one-shot job needs "no")`,
          );
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('mounts deploy/nginx.conf into nginx, whose upstreams are services listening on the ports it names', () => {
    const problems: string[] = [];
    const [nginxName, nginx] = nginxService(compose);
    const mounted = (nginx.volumes ?? []).some((volume) => {
      const [source, target] = typeof volume === 'string' ? volume.split(':') : [volume.source, volume.target];
      return (
        path.resolve(REPO_ROOT, source ?? '') === NGINX_CONF_FILE && /^\/etc\/nginx\/(conf\.d\/[^/]+\.conf|nginx\.conf)$/.test(target ?? '')
      );
    });
    if (!mounted) problems.push(`${nginxName}: does not mount ./deploy/nginx.conf into /etc/nginx/conf.d/`);

    const upstreams = nginxUpstreams(nginxConf);
    expect(Object.keys(upstreams).length).toBeGreaterThan(0);
    for (const [upstream, servers] of Object.entries(upstreams)) {
      if (servers.length === 0) problems.push(`nginx.conf: upstream ${upstream} has no server`);
      for (const { host, port } of servers) {
        const service = compose.services[host];
        if (!service) {
          problems.push(`nginx.conf: upstream ${upstream} names ${host}, which is not a service of docker-compose.yml`);
          continue;
        }
        const listens = listeningPort(service);
        if (listens !== port)
          problems.push(
            `${host}: nginx's upstream ${upstream} sends to port ${port}, but ${host} listens on ${listens ?? 'no known port'}`,
          );
        if (!(host in dependsOn(nginx))) problems.push(`${nginxName}: does not depend on ${host} (nginx resolves its upstreams at start)`);
      }
    }
    for (const host of nginxProxyPassHosts(nginxConf)) {
      if (!(host in upstreams) && !compose.services[host])
        problems.push(`nginx.conf: proxy_pass to ${host}, neither an upstream nor a service`);
    }
    for (const match of nginxConf.replace(/#[^\n]*/g, '').matchAll(/set_real_ip_from\s+([A-Za-z][\w-]*)\s*;/g)) {
      if (!compose.services[match[1]!])
        problems.push(`nginx.conf: set_real_ip_from ${match[1]}, which is not a service of docker-compose.yml`);
    }
    const published = (nginx.ports ?? []).map((entry) => containerPort(interpolate(String(entry), DOT_ENV)));
    for (const port of nginxListenPorts(nginxConf)) {
      if (!published.includes(port))
        problems.push(`${nginxName}: listens on ${port} (nginx.conf) but publishes only ${published.join(', ') || 'nothing'}`);
    }
    expect(problems).toEqual([]);
  });

  it('builds nginx with Brotli from the Dockerfile, with this build’s Next files precompressed where deploy/nginx.conf serves them', () => {
    const [nginxName, nginx] = nginxService(compose);
    const build = buildOf(nginx);
    const stages = dockerStages(readFileSync(path.join(REPO_ROOT, build?.context ?? '.', build?.dockerfile ?? 'Dockerfile'), 'utf8'));
    const stage = (name: string | undefined) => stages.find((candidate) => candidate.name === name);
    const nginxStage = stage(build?.target);
    expect({ service: nginxName, target: build?.target, stage: nginxStage?.name }).toEqual({
      service: nginxName,
      target: 'nginx',
      stage: 'nginx',
    });
    // The services built without a target get the last stage: it must stay the app's image.
    expect(stages.at(-1)).not.toBe(nginxStage);
    const installed = nginxStage!.instructions.filter((line) => /^RUN\b.*\bapt-get install\b/.test(line)).join(' ');
    for (const name of ['nginx', 'libnginx-mod-http-brotli-static', 'libnginx-mod-http-brotli-filter']) {
      expect({ package: name, installed: installed.split(/\s+/).includes(name) }).toEqual({ package: name, installed: true });
    }

    // The build files go where deploy/nginx.conf's `location /_next/static/` looks, from a stage of the app's own build
    // that precompressed that very folder.
    const root = nginxStaticRoot(nginxConf);
    expect(root).toBeDefined();
    const copy = nginxStage!.instructions
      .map((line) => /^COPY\s+--from=(\S+)\s+(\S+)\s+(\S+)$/.exec(line))
      .find((match) => match && path.posix.normalize(match[3]!) === path.posix.join(root!, '_next/static'));
    expect(copy).toBeDefined();
    const [, fromStage, copied] = copy!;
    const appBuild = stages
      .at(-1)!
      .instructions.map((line) => /^COPY\s+--from=(\S+)\s+\/app\s/.exec(line)?.[1])
      .find(Boolean);
    expect({ stage: fromStage, from: stage(fromStage)?.from }).toEqual({ stage: fromStage, from: appBuild });
    expect(stage(fromStage)!.instructions).toContainEqual(
      expect.stringMatching(new RegExp(`\\bnode scripts/precompress-static\\.mjs ${copied}$`)),
    );
    expect(existsSync(path.join(REPO_ROOT, 'scripts/precompress-static.mjs'))).toBe(true);

    const statics = nginxLocation(nginxConf, '/_next/static/') ?? [];
    expect(statics).toEqual(expect.arrayContaining(['brotli_static on', 'gzip_static on', 'try_files $uri @web']));
    // A file nginx lacks reaches the web app exactly as every other page does.
    expect(nginxLocation(nginxConf, '@web')).toEqual(nginxLocation(nginxConf, '/'));
  });

  it('runs coturn with use-auth-secret and the same secret the API signs TURN credentials with', () => {
    const [coturnName, coturn] = coturnService(compose);
    const flags = commandOf(coturn);
    expect({ service: coturnName, flags }).toEqual({ service: coturnName, flags: expect.arrayContaining(['--use-auth-secret']) });
    const secretFlag = flags.find((flag) => flag.startsWith('--static-auth-secret='));
    expect(secretFlag).toBeDefined();
    const coturnSecret = variablesIn(secretFlag!).map((use) => use.name);

    // The setting the API hands coturn-style credentials out with, as ice-servers.controller.ts reads it.
    const controller = readFileSync(path.join(REPO_ROOT, 'apps/api/src/ice-servers/ice-servers.controller.ts'), 'utf8');
    const apiSetting = /turnSecret:\s*this\.config\.([A-Z_]+)/.exec(controller)?.[1];
    expect(apiSetting).toBe('TURN_SECRET');
    expect(apiServices.length).toBeGreaterThan(0);
    for (const [name, service] of apiServices) {
      const given = environmentOf(service)[apiSetting!];
      expect({ service: name, [apiSetting!]: given && variablesIn(given).map((use) => use.name) }).toEqual({
        service: name,
        [apiSetting!]: coturnSecret,
      });
    }

    // The API's TURN and STUN URLs point at the port coturn listens on.
    const listening = Number(
      /^--listening-port=(\d+)$/.exec(flags.find((flag) => flag.startsWith('--listening-port=')) ?? '')?.[1] ?? 3478,
    );
    for (const [name, service] of apiServices) {
      const config = loadConfig(apiEnvironment(service));
      const ports = [...config.TURN_URLS, ...config.STUN_URLS].map((url) => Number(/:(\d+)(\?|$)/.exec(url)?.[1]));
      expect({ service: name, ports }).toEqual({ service: name, ports: ports.map(() => listening) });
      expect(config.TURN_URLS.length).toBeGreaterThan(0);
      expect(config.TURN_SECRET).toBe(SECRETS.TURN_SECRET);
    }

    // What the stack test starts Debian's turnserver with: the file's flags, the secret interpolated.
    const args = coturnArgs(COMPOSE_FILE, { TURN_SECRET: SECRETS.TURN_SECRET });
    expect(args).toEqual(
      expect.arrayContaining(['--use-auth-secret', `--static-auth-secret=${SECRETS.TURN_SECRET}`, '--realm=telehealth']),
    );
    expect(args.join(' ')).not.toContain('$');
    expect(() => coturnArgs(COMPOSE_FILE, {})).toThrow(/required variable TURN_SECRET is missing a value/);
  });

  it('gives every API replica one configuration the API accepts, sharing Redis, the JWT secret and the database', () => {
    // The replicas are exactly the servers of nginx's api upstream.
    const upstreamHosts = Object.values(nginxUpstreams(nginxConf))
      .flat()
      .map((server) => server.host)
      .filter((host) => {
        const service = compose.services[host];
        return service !== undefined && isApi(service);
      });
    expect(apiServices.map(([name]) => name).sort()).toEqual([...new Set(upstreamHosts)].sort());
    expect(apiServices.length).toBeGreaterThanOrEqual(2);

    const problems: string[] = [];
    const [firstName, first] = apiServices[0]!;
    for (const [name, service] of apiServices) {
      const env = environmentOf(service);
      for (const shared of ['REDIS_URL', 'JWT_SECRET', 'DATABASE_URL']) {
        if (!env[shared]) problems.push(`${name}: has no ${shared}`);
        else if (env[shared] !== environmentOf(first)[shared]) problems.push(`${name}: ${shared} differs from ${firstName}'s`);
      }
      const config = acceptedConfig(service);
      if (config instanceof Error) {
        problems.push(`${name}: the API refuses its environment: ${config.message}`);
        continue;
      }
      if (config.NODE_ENV !== 'production' || config.SEED_DEMO) problems.push(`${name}: not production, or seeds demo accounts`);
      const redisHost = new URL(config.REDIS_URL ?? 'redis://missing').hostname;
      if (!compose.services[redisHost]) problems.push(`${name}: REDIS_URL names ${redisHost}, which is not a service`);
      if (!(redisHost in dependsOn(service))) problems.push(`${name}: does not wait for ${redisHost}`);
    }
    expect(problems).toEqual([]);
  });

  it('points the API and the migration job at the database the postgres service creates', () => {
    const postgres = services.find(([, service]) => /(^|\/)postgres(:|$)/.test(service.image ?? ''));
    expect(postgres).toBeDefined();
    const [postgresName, postgresService] = postgres!;
    const created = environmentOf(postgresService);
    const expected = {
      host: postgresName,
      port: '5432',
      user: interpolate(created.POSTGRES_USER ?? 'postgres', DOT_ENV),
      password: interpolate(created.POSTGRES_PASSWORD ?? '', DOT_ENV),
      database: interpolate(created.POSTGRES_DB ?? created.POSTGRES_USER ?? 'postgres', DOT_ENV),
    };
    const users = services.filter(([, service]) => environmentOf(service).DATABASE_URL !== undefined);
    expect(users.map(([name]) => name)).toEqual(expect.arrayContaining(['migrate', ...apiServices.map(([name]) => name)]));
    for (const [name, service] of users) {
      const url = new URL(interpolate(environmentOf(service).DATABASE_URL!, DOT_ENV));
      expect({
        service: name,
        host: url.hostname,
        port: url.port || '5432',
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
        database: url.pathname.slice(1),
      }).toEqual({ service: name, ...expected });
    }
    // The migration job completes before any API replica starts, and only once postgres is healthy.
    expect(dependsOn(compose.services.migrate!)).toMatchObject({ [postgresName]: 'service_healthy' });
    for (const [name, service] of apiServices) {
      expect({ service: name, migrate: dependsOn(service).migrate }).toEqual({ service: name, migrate: 'service_completed_successfully' });
    }
  });
});

/** An API replica's environment as its container gets it: the image's NODE_ENV, then the service's values interpolated from .env. */
function apiEnvironment(service: ComposeService): Record<string, string> {
  const env = environmentOf(service);
  return { NODE_ENV: 'production', ...Object.fromEntries(Object.entries(env).map(([key, value]) => [key, interpolate(value, DOT_ENV)])) };
}

/** The API's configuration from a replica's environment, or the error that would stop it at boot. */
function acceptedConfig(service: ComposeService): ReturnType<typeof loadConfig> | Error {
  try {
    return loadConfig(apiEnvironment(service));
  } catch (error) {
    return error as Error;
  }
}
