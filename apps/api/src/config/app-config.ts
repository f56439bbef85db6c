import { isIP } from 'node:net';
import { z } from 'zod';

const ZBooleanFlagSchema = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const ZUrlListSchema = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((url) => url.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^(stun|stuns|turn|turns):/, { message: 'each entry must start with stun:, stuns:, turn: or turns:' })));

const MAX_REMINDER_MINUTES = 30 * 24 * 60;

/**
 * REMINDER_MINUTES: how long before a visit its reminders go out, in minutes ("1440,15": a day
 * before and a quarter of an hour before), longest first; "none" sends no reminders.
 */
export const ZReminderMinutesSchema = z
  .string()
  .trim()
  .transform((value, ctx): number[] => {
    if (value.toLowerCase() === 'none') return [];
    const entries = value.split(',').map((entry) => entry.trim());
    const bad = entries.find((entry) => !/^\d{1,5}$/.test(entry) || Number(entry) < 1 || Number(entry) > MAX_REMINDER_MINUTES);
    if (bad !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `must be "none" or a comma-separated list of minutes before the visit such as 1440,15 (${JSON.stringify(bad)} is not a whole number of minutes from 1 to ${MAX_REMINDER_MINUTES})`,
      });
      return z.NEVER;
    }
    const minutes = entries.map(Number);
    const twice = minutes.find((lead, index) => minutes.indexOf(lead) !== index);
    if (twice !== undefined) {
      ctx.addIssue({ code: 'custom', message: `lists ${twice} minutes twice` });
      return z.NEVER;
    }
    return minutes.sort((a, b) => b - a);
  });

const TRUST_PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (TRUST_PROXY_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  // split always returns at least one element.
  const family = isIP(address!);
  if (!family || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Which reverse proxies may tell the API the client's address (Express's `trust proxy`):
 * false (none, the default), a hop count (1 behind the shipped nginx), or the proxies'
 * addresses/CIDRs. Never "every hop": then the client's own X-Forwarded-For would be believed,
 * and anyone could pick the address the sign-in limits and the audit log see.
 */
export const ZTrustProxySchema = z
  .string()
  .trim()
  .transform((value, ctx): false | number | string[] => {
    const lower = value.toLowerCase();
    if (['false', 'no', 'off', '0'].includes(lower)) return false;
    if (['true', 'yes', 'on'].includes(lower)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'must not be true (trusting every hop lets any client forge its address): give the number of proxies in front of the API (1 behind the shipped nginx) or their addresses',
      });
      return z.NEVER;
    }
    if (/^\d+$/.test(lower)) {
      const hops = Number(lower);
      if (hops > 10) ctx.addIssue({ code: 'custom', message: 'must be at most 10 hops' });
      return hops;
    }
    const entries = value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const bad = entries.find((entry) => !isProxyAddress(entry));
    if (bad !== undefined || entries.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: `must be false, a hop count such as 1, or a comma-separated list of proxy addresses or CIDRs (${JSON.stringify(bad ?? value)} is none of these)`,
      });
      return z.NEVER;
    }
    return entries;
  });

/**
 * Every setting of the API, read once from the environment at boot. A missing or
 * bad value stops the process with a sentence naming the variable (see loadConfig).
 */
export const ZAppConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    API_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    API_HOST: z.string().default('0.0.0.0'),
    WEB_ORIGIN: z.url().default('http://localhost:3000'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// or postgresql:// URL' })
      .optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    EMBEDDED_DB_DIR: z.string().default('.data/pglite'),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, { message: 'must be a redis:// or rediss:// URL' })
      .optional(),
    REDIS_KEY_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:_.-]{1,64}$/, { message: 'must be 1-64 letters, digits, colons, dots, dashes or underscores' })
      .default('telehealth:'),
    JWT_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }),
    JWT_TTL_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(8 * 60),
    LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS: z.coerce.number().int().min(1).default(5),
    LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
    LOGIN_LOCKOUT_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    LOGIN_ACCOUNT_FREE_FAILURES: z.coerce.number().int().min(1).default(10),
    LOGIN_ACCOUNT_MAX_DELAY_S: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 3600)
      .default(900),
    LOGIN_ACCOUNT_WINDOW_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(24),
    /** Visit links and codes one client address may redeem in ten minutes (a patient reopening a link stays far below). */
    VISIT_LINK_REDEEMS_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
    LOGIN_KNOWN_ADDRESS_DAYS: z.coerce.number().int().min(0).max(365).default(30),
    REGISTER_MAX_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).default(10),
    SIGNALING_TICKET_TTL_S: z.coerce.number().int().min(10).max(3600).default(120),
    JOIN_WINDOW_BEFORE_MIN: z.coerce
      .number()
      .int()
      .min(0)
      .max(24 * 60)
      .default(10),
    RECONNECT_GRACE_S: z.coerce.number().int().min(1).max(600).default(30),
    /**
     * With Redis: each API process holds its seats under a lease it renews; a process killed
     * without a shutdown (SIGKILL, a crash) has its seats dropped by another process within this
     * many milliseconds, and its peers are told the person left when the reconnect grace then ends.
     */
    LEASE_MS: z.coerce.number().int().min(200).max(600_000).default(10_000),
    /** People in one call at most (doctor, patient and guests): every one sends to every other (a mesh), so keep it small. */
    ROOM_CAPACITY: z.coerce.number().int().min(2).max(6).default(4),
    REMINDER_MINUTES: ZReminderMinutesSchema.default([1440, 15]),
    /** How often each API process looks for reminders whose time has come. */
    REMINDER_SWEEP_S: z.coerce.number().int().min(1).max(86_400).default(60),
    /** A patient may cancel a visit online until this many minutes before its start (0: no limit); later, they contact the clinic. */
    PATIENT_CANCEL_NOTICE_MIN: z.coerce
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60)
      .default(60),
    STUN_URLS: ZUrlListSchema.default([]),
    TURN_URLS: ZUrlListSchema.default([]),
    TURN_SECRET: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
    TURN_TTL_S: z.coerce
      .number()
      .int()
      .min(60)
      .max(7 * 24 * 3600)
      .default(24 * 3600),
    /**
     * 'relay': browsers use only TURN candidates (every call's media goes through the clinic's TURN
     * server: hides addresses, passes strict firewalls); 'all' (default): the best path, TURN as fallback.
     */
    ICE_TRANSPORT_POLICY: z.enum(['all', 'relay'], { message: 'must be all or relay' }).default('all'),
    SEED_DEMO: ZBooleanFlagSchema.optional(),
    CLINIC_NAME: z.string().min(1).default('Telehealth Clinic'),
    TRUST_PROXY: ZTrustProxySchema.default(false),
    LOG_FORMAT: z.enum(['pretty', 'json'], { message: 'must be pretty or json' }).optional(),
    LOG_REQUESTS: ZBooleanFlagSchema.default(true),
    MAX_SOCKETS_PER_USER: z.coerce.number().int().min(1).max(100).default(5),
    REPORT_WORKERS: z.coerce.number().int().min(1).max(16).default(2),
    REPORT_QUEUE_SIZE: z.coerce.number().int().min(0).max(1000).default(8),
    DATA_DIR: z.string().min(1).default('.data'),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, { message: 'must be an smtp:// or smtps:// URL' })
      .optional(),
    MAIL_FROM: z.string().min(3).default('Telehealth Clinic <no-reply@telehealth.localhost>'),
    OUTBOX_WORKER: ZBooleanFlagSchema.default(true),
    OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
    OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),
    OUTBOX_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(5000),
    OUTBOX_RETRY_MAX_MS: z.coerce.number().int().min(10).max(86_400_000).default(300_000),
    OUTBOX_LEASE_S: z.coerce.number().int().min(5).max(3600).default(60),
  })
  .superRefine((config, ctx) => {
    if (config.TURN_URLS.length > 0 && !config.TURN_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['TURN_SECRET'], message: 'is required when TURN_URLS is set' });
    }
    if (config.ICE_TRANSPORT_POLICY === 'relay' && (config.TURN_URLS.length === 0 || !config.TURN_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: ['ICE_TRANSPORT_POLICY'],
        message: 'relay needs TURN_URLS and TURN_SECRET (no call could connect without a TURN server)',
      });
    }
    if (config.NODE_ENV === 'production' && !config.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message: 'is required in production (the embedded database is for one machine)',
      });
    }
  })
  .transform((config) => ({
    ...config,
    // Demo accounts are a development convenience: never by default in production.
    SEED_DEMO: config.SEED_DEMO ?? config.NODE_ENV !== 'production',
    LOG_FORMAT: config.LOG_FORMAT ?? (config.NODE_ENV === 'production' ? 'json' : 'pretty'),
  }));

export type AppConfig = z.infer<typeof ZAppConfigSchema>;

export class ConfigError extends Error {}

/** Parses the environment; the error names the first bad variable in a sentence. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = ZAppConfigSchema.safeParse(cleaned);
  if (!result.success) {
    const sentences = result.error.issues.map((issue) => {
      const name = issue.path.map(String).join('.');
      const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
      return `${name} ${message}.`;
    });
    throw new ConfigError(`Invalid configuration: ${sentences.join(' ')}`);
  }
  return result.data;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
