import type { AuditVerifyResponse } from '@telehealth/contracts';

/** Anything that runs one SQL query: a pg Pool or Client. */
export interface Queryable {
  query<Row>(text: string): Promise<{ rows: Row[] }>;
}

interface ChainCheckRow {
  rows: number;
  broken_id: string | null;
  broken_at: Date | null;
  beyond_id: string | null;
  beyond_at: Date | null;
  last_id: string | null;
  last_at: Date | null;
  last_seq: string | null;
  last_hash: string | null;
  head_seq: string | null;
  head_hash: string | null;
}

// One statement, so rows and the chain head are read from one snapshot while writers go on.
// A row's link holds when its hash is the digest of the previous row's stored hash and its own
// content (audit_row_digest, the same SQL function the insert trigger hashes with) and its seq follows
// the previous one: an edited row breaks at itself, a removed row at the row after the gap.
const CHECK_CHAIN = `
  WITH chain AS (
    SELECT id, occurred_at, seq, hash,
      audit_row_digest(lag(hash) OVER w, seq, id, actor_id, action, entity_type, entity_id, ip, detail, occurred_at) AS expected,
      lag(seq) OVER w AS prev_seq
    FROM audit_logs
    WINDOW w AS (ORDER BY seq)
  ),
  broken AS (SELECT id, occurred_at FROM chain WHERE hash IS DISTINCT FROM expected OR seq <> coalesce(prev_seq, 0) + 1 ORDER BY seq LIMIT 1),
  last AS (SELECT id, occurred_at, seq, hash FROM chain ORDER BY seq DESC LIMIT 1),
  head AS (SELECT seq, hash FROM audit_chain_head WHERE id = 1),
  beyond AS (SELECT chain.id, chain.occurred_at FROM chain, head WHERE chain.seq > head.seq ORDER BY chain.seq LIMIT 1)
  SELECT
    (SELECT count(*) FROM chain)::int AS rows,
    (SELECT id FROM broken) AS broken_id, (SELECT occurred_at FROM broken) AS broken_at,
    (SELECT id FROM beyond) AS beyond_id, (SELECT occurred_at FROM beyond) AS beyond_at,
    (SELECT id FROM last) AS last_id, (SELECT occurred_at FROM last) AS last_at,
    (SELECT seq FROM last)::text AS last_seq, (SELECT hash FROM last) AS last_hash,
    (SELECT seq FROM head)::text AS head_seq, (SELECT hash FROM head) AS head_hash`;

/**
 * Checks the audit log's hash chain and names the first broken link. Besides edited and removed
 * rows it notices rows added with the trigger switched off (beyond the chain head) and rows cut off the
 * end (the head is ahead of the last row: reported at the last row that remains).
 */
export async function verifyAuditChain(db: Queryable): Promise<AuditVerifyResponse> {
  const { rows } = await db.query<ChainCheckRow>(CHECK_CHAIN);
  // A SELECT of scalar subqueries without FROM always returns exactly one row.
  const check = rows[0]!;
  const broken = (id: string | null, at: Date | null): AuditVerifyResponse =>
    id && at
      ? { intact: false, rows: check.rows, firstBrokenId: id, firstBrokenAt: at.toISOString() }
      : { intact: false, rows: check.rows };
  if (check.broken_id) return broken(check.broken_id, check.broken_at);
  if (check.beyond_id) return broken(check.beyond_id, check.beyond_at);
  const headSeq = check.head_seq ?? null;
  const lastSeq = check.last_seq ?? '0';
  if (headSeq === null || headSeq !== lastSeq || (check.last_hash ?? null) !== (check.head_hash ?? null))
    return broken(check.last_id, check.last_at);
  return { intact: true, rows: check.rows };
}

/** The sentence `npm run audit:verify` prints. */
export function describeAuditCheck(result: AuditVerifyResponse): string {
  if (result.intact) return `audit log intact: ${result.rows} rows`;
  if (!result.firstBrokenId)
    return `audit log broken: the chain head does not match its ${result.rows} rows (rows were removed or the head was altered)`;
  return `audit log broken at row ${result.firstBrokenId} (${result.firstBrokenAt}): this row or the one before it was changed, inserted or removed; ${result.rows} rows checked`;
}
