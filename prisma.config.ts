// Prisma's CLI runs here with the WASM schema engine through the pg driver, because its
// native engines cannot be downloaded on an offline machine. It is used to generate the
// client, author migrations (`migrate diff --from-migrations ... --script`) and check that
// schema.prisma and the migrations agree (a test does). Applying migrations is not its job:
// apps/api/src/database/migrator.ts does that the same way in dev, CI and production.
import path from 'node:path';
import { createRequire } from 'node:module';
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

const requireCjs = createRequire(__filename);

// prisma/orm#27403: the adapter refuses the `name` (OID 19) and `"char"` (OID 18) system
// types that introspection reads. Read both as text inside pg, then tell the engine that
// the former `"char"` columns (pg_constraint.contype) are characters, or it crashes on
// the CHECK and EXCLUDE constraints of our migrations.
const PgResult = requireCjs('pg/lib/result.js');
if (!PgResult.prototype.__telehealthOidPatch) {
  const addFields = PgResult.prototype.addFields;
  PgResult.prototype.addFields = function (fields: Array<{ dataTypeID: number; originalOid?: number }>) {
    for (const field of fields) {
      if (field.dataTypeID === 18 || field.dataTypeID === 19) {
        field.originalOid = field.dataTypeID;
        field.dataTypeID = 25;
      }
    }
    return addFields.call(this, fields);
  };
  PgResult.prototype.__telehealthOidPatch = true;
}

const CHARACTER_COLUMN_TYPE = 6;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function markCharColumns(adapter: any): any {
  let proto = Object.getPrototypeOf(adapter);
  while (proto && !Object.hasOwn(proto, 'queryRaw')) proto = Object.getPrototypeOf(proto);
  if (!proto || proto.__telehealthCharPatch) return adapter;
  const queryRaw = proto.queryRaw;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  proto.queryRaw = async function (query: any) {
    const result = await this.performIO(query);
    const replay = Object.create(this, { performIO: { value: async () => result } });
    const out = await queryRaw.call(replay, query);
    result.fields.forEach((field: { originalOid?: number }, index: number) => {
      if (field.originalOid === 18) out.columnTypes[index] = CHARACTER_COLUMN_TYPE;
    });
    return out;
  };
  proto.__telehealthCharPatch = true;
  return adapter;
}

// The CLI reads the generator block only when the datasource url resolves.
process.env.DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/telehealth_dev';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  async adapter() {
    const url = new URL(process.env.DATABASE_URL!);
    // Parts, not a connectionString: a connectionString makes the shadow database the main one.
    const factory = new PrismaPg({
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username || 'postgres'),
      password: decodeURIComponent(url.password),
      database: url.pathname.slice(1),
      idleTimeoutMillis: 1,
      allowExitOnIdle: true,
    });
    const connect = factory.connect.bind(factory);
    const connectToShadowDb = factory.connectToShadowDb.bind(factory);
    factory.connect = async () => markCharColumns(await connect());
    factory.connectToShadowDb = async () => markCharColumns(await connectToShadowDb());
    return factory;
  },
});
