import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const SCHEMA = path.join(ROOT, 'prisma/schema.prisma');

/** Prisma's own diff of "all migrations applied to an empty database" against a schema file. */
function diffMigrationsAgainst(schemaFile: string): { status: number | null; output: string } {
  const result = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'scripts/prisma.mjs'),
      'migrate',
      'diff',
      '--from-migrations',
      'prisma/migrations',
      '--to-schema-datamodel',
      schemaFile,
      '--exit-code',
    ],
    // The diff replays the migrations in a temporary shadow database on this server.
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL }, encoding: 'utf8', timeout: 60_000 },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('prisma/schema.prisma and prisma/migrations', () => {
  it('agree: replaying every migration gives exactly the schema', () => {
    const { status, output } = diffMigrationsAgainst('prisma/schema.prisma');
    expect(output).toContain('No difference detected');
    expect(status).toBe(0);
  });

  it('are caught disagreeing when the schema gains a column no migration adds', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-drift-'));
    try {
      const drifted = path.join(dir, 'schema.prisma');
      const schema = fs
        .readFileSync(SCHEMA, 'utf8')
        .replace('output       = "../apps/api/src/generated/prisma"', `output = "${dir}/client"`);
      fs.writeFileSync(drifted, schema.replace('  reason      String\n', '  reason      String\n  priority    Int     @default(0)\n'));
      const { status, output } = diffMigrationsAgainst(drifted);
      expect(output).toMatch(/priority/);
      expect(status).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
