-- Tamper-evident audit log: every row carries `hash` = sha256(previous row's hash || this row's
-- canonical content) and a gap-free `seq`. A trigger sets both on every insert, whoever inserts,
-- under a row lock on the one-row chain head, so concurrent writers (several API processes)
-- queue and the chain cannot fork. The columns' defaults only satisfy Prisma's types; the trigger
-- always replaces them. Existing rows are chained in order before the columns become NOT NULL.

-- AlterTable
ALTER TABLE "audit_logs" ADD COLUMN     "hash" TEXT DEFAULT '',
ADD COLUMN     "seq" BIGINT DEFAULT 0;

-- CreateTable
CREATE TABLE "audit_chain_head" (
    "id" INTEGER NOT NULL,
    "seq" BIGINT NOT NULL,
    "hash" TEXT,

    CONSTRAINT "audit_chain_head_pkey" PRIMARY KEY ("id")
);

-- The row's canonical content is the text of one jsonb array (deterministic: PostgreSQL renders a
-- jsonb value the same way every time, quoting and nulls included); the time counts in whole
-- milliseconds, as the column stores it. Verification recomputes exactly this.
CREATE FUNCTION audit_row_digest(prev_hash TEXT, seq BIGINT, id UUID, actor_id UUID, action TEXT, entity_type TEXT, entity_id TEXT, ip TEXT, detail JSONB, occurred_at TIMESTAMPTZ)
RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(
    coalesce(prev_hash, '') || jsonb_build_array(seq, id::text, actor_id::text, action, entity_type, entity_id, ip, detail,
      (extract(epoch FROM occurred_at::timestamptz(3)) * 1000)::bigint)::text,
    'UTF8')), 'hex')
$$;

-- Chain the rows written before this migration, oldest first.
DO $$
DECLARE
  r RECORD;
  n BIGINT := 0;
  h TEXT := NULL;
BEGIN
  FOR r IN SELECT * FROM audit_logs ORDER BY occurred_at, id LOOP
    n := n + 1;
    h := audit_row_digest(h, n, r.id, r.actor_id, r.action, r.entity_type, r.entity_id, r.ip, r.detail, r.occurred_at);
    UPDATE audit_logs SET seq = n, hash = h WHERE id = r.id;
  END LOOP;
  INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, n, h);
END
$$;

ALTER TABLE "audit_logs" ALTER COLUMN "hash" SET NOT NULL,
ALTER COLUMN "seq" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "audit_logs_seq_key" ON "audit_logs"("seq");

-- Every inserted row is numbered and chained. The head row's lock is held until the inserting
-- transaction ends (one statement for the API's writes), so the next writer reads the new head.
CREATE FUNCTION audit_chain_row() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  head_seq BIGINT;
  head_hash TEXT;
BEGIN
  SELECT h.seq, h.hash INTO head_seq, head_hash FROM audit_chain_head h WHERE h.id = 1 FOR UPDATE;
  NEW.id := coalesce(NEW.id, gen_random_uuid());
  NEW.occurred_at := coalesce(NEW.occurred_at, now())::timestamptz(3);
  NEW.seq := head_seq + 1;
  NEW.hash := audit_row_digest(head_hash, NEW.seq, NEW.id, NEW.actor_id, NEW.action, NEW.entity_type, NEW.entity_id, NEW.ip, NEW.detail, NEW.occurred_at);
  UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
  RETURN NEW;
END
$$;

CREATE TRIGGER audit_logs_chain BEFORE INSERT ON audit_logs FOR EACH ROW EXECUTE FUNCTION audit_chain_row();
