import { Injectable } from '@nestjs/common';
import type { ConnectionPath } from '@telehealth/contracts';
import { randomUUID } from 'node:crypto';
import { GroupCommit } from '../common/group-commit';
import { isRowLevelError } from '../prisma/database-errors';
import { PrismaService } from '../prisma/prisma.service';

export interface CallStatsRow {
  sessionId: string;
  userId: string;
  peerId: string;
  path: ConnectionPath;
  rttMs: number | null;
  lossPct: number | null;
  reconnects: number;
}

/**
 * The browsers' connection samples (call_stats_samples). Every call sends one per pair every ten
 * seconds: samples of all rooms that arrive together are stored together (see GroupCommit).
 */
@Injectable()
export class CallStatsRepository {
  private readonly writer = new GroupCommit((rows: Array<CallStatsRow & { id: string }>) => this.insert(rows), 2, 500, isRowLevelError);

  constructor(private readonly prisma: PrismaService) {}

  /** Stores a sample while its visit is open; false once it ended (its record is closed). */
  add(row: CallStatsRow): Promise<boolean> {
    return this.writer.add({ ...row, id: randomUUID() });
  }

  private async insert(rows: Array<CallStatsRow & { id: string }>): Promise<boolean[]> {
    const column = <K extends keyof (CallStatsRow & { id: string })>(key: K) => rows.map((row) => row[key]);
    const { rows: stored } = await this.prisma.sql.query<{ id: string }>(
      `INSERT INTO call_stats_samples (id, session_id, user_id, peer_id, path, rtt_ms, loss_pct, reconnects, sampled_at)
       SELECT m.id, m.session_id, m.user_id, m.peer_id, m.path, m.rtt_ms, m.loss_pct, m.reconnects, date_trunc('milliseconds', clock_timestamp())
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::float8[], $7::float8[], $8::int[])
              AS m(id, session_id, user_id, peer_id, path, rtt_ms, loss_pct, reconnects)
         JOIN sessions s ON s.id = m.session_id AND s.status <> 'ENDED'
       RETURNING id`,
      [
        column('id'),
        column('sessionId'),
        column('userId'),
        column('peerId'),
        column('path'),
        column('rttMs'),
        column('lossPct'),
        column('reconnects'),
      ],
    );
    const kept = new Set(stored.map((row) => row.id));
    return rows.map((row) => kept.has(row.id));
  }
}
