// `npm run audit:verify`: checks the audit log's hash chain and prints "audit log intact: N rows"
// or the first broken link (row id and time); exits 1 when broken. Reads DATABASE_URL; without
// it, the embedded database in EMBEDDED_DB_DIR (default .data/pglite), which only one process can
// open: stop `npm start` first, or ask the running API (GET /api/audit/verify, as an admin).
import path from 'node:path';
import { Client } from 'pg';
import { describeAuditCheck, verifyAuditChain } from '../audit/audit-chain';
import { startEmbeddedDatabase } from '../database/embedded-database';
import { applyMigrations } from '../database/migrator';

/** Runs the check against `databaseUrl`; what main prints and the exit code it returns. */
export async function auditVerifyCommand(databaseUrl: string): Promise<{ exitCode: number; output: string }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await verifyAuditChain(client);
    return { exitCode: result.intact ? 0 : 1, output: describeAuditCheck(result) };
  } finally {
    await client.end();
  }
}

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const { exitCode, output } = await auditVerifyCommand(url);
    (exitCode === 0 ? console.log : console.error)(output);
    return exitCode;
  }
  const embedded = await startEmbeddedDatabase(path.resolve(process.env.EMBEDDED_DB_DIR ?? '.data/pglite'), 2);
  try {
    await applyMigrations(embedded.url);
    const { exitCode, output } = await auditVerifyCommand(embedded.url);
    (exitCode === 0 ? console.log : console.error)(output);
    return exitCode;
  } finally {
    await embedded.stop();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(2);
    },
  );
}
