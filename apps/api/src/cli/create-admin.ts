// `npm run create-admin -- --email … --name …`: creates an admin without a password and prints
// the one-time link that sets it (72 hours). The first admin of a clinic comes from here; the
// others are invited by an admin (POST /api/staff). Works on DATABASE_URL, or on the embedded
// database: through the running API's socket, or opening (and on a fresh folder creating) it.
import { DEFAULT_LANGUAGE, zText, ZEmailSchema, ZLanguageSchema } from '@telehealth/contracts';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, parseEnv } from 'node:util';
import { Client } from 'pg';
import { z } from 'zod';
import { newPasswordToken, PASSWORD_TOKEN_TTL_MS, setPasswordLink } from '../auth/password-tokens';
import { insertFirstAdmin } from '../staff/staff.repository';
import { openCliDatabase } from './cli-database';

const USAGE = 'Usage: npm run create-admin -- --email admin@clinic.example --name "Full Name" [--language en|es|ar]';
const ZArgsSchema = z.object({
  email: ZEmailSchema,
  name: zText({ min: 1, max: 120 }),
  language: ZLanguageSchema.default(DEFAULT_LANGUAGE),
});

/** The link's origin: the address people open (PUBLIC_ORIGIN in compose), else WEB_ORIGIN. */
function webOrigin(env: NodeJS.ProcessEnv): string {
  return env.PUBLIC_ORIGIN || env.WEB_ORIGIN || 'http://localhost:3000';
}

/** The environment with the root `.env` under it, as `npm start` reads it (the environment wins). */
function withDotEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const file = path.resolve(__dirname, '../../../../.env');
  return fs.existsSync(file) ? { ...parseEnv(fs.readFileSync(file, 'utf8')), ...env } : env;
}

async function createAdmin(args: z.infer<typeof ZArgsSchema>, env: NodeJS.ProcessEnv): Promise<number> {
  const database = await openCliDatabase(env);
  const client = new Client({ connectionString: database.url });
  try {
    await client.connect();
    const invitation = newPasswordToken('INVITATION');
    const admin = await insertFirstAdmin(client, { ...args, invitation });
    if (!admin) {
      console.error(`An account with the email ${args.email} already exists: no admin was created.`);
      return 1;
    }
    const hours = PASSWORD_TOKEN_TTL_MS.INVITATION / 3_600_000;
    console.log(`Admin ${admin.name} <${admin.email}> created in ${database.where}.`);
    console.log(`Open this link within ${hours} hours to choose the password (it works once):`);
    console.log(setPasswordLink(webOrigin(env), invitation.token));
    return 0;
  } finally {
    await client.end().catch(() => undefined);
    await database.close();
  }
}

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { email: { type: 'string' }, name: { type: 'string' }, language: { type: 'string' } },
    strict: true,
  });
  const parsed = ZArgsSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    console.error(`--${String(issue?.path[0] ?? 'email')} ${issue?.message ?? 'is invalid'}. ${USAGE}`);
    return 1;
  }
  return createAdmin(parsed.data, env);
}

if (require.main === module) {
  main(process.argv.slice(2), withDotEnv(process.env)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(2);
    },
  );
}
