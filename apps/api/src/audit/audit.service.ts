import { Injectable, Logger } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';

export interface AuditEntry {
  actorId: string | null;
  /** What was done, as `<record>.<verb>`, e.g. `appointment.read`, `appointment.cancel`. */
  action: string;
  entityType: string;
  entityId?: string | null;
  ip?: string | null;
  detail?: Record<string, string | number | boolean | null>;
}

/** Writes who read or changed which protected record. Append-only; never holds PHI in `detail`. */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(private readonly prisma: PrismaService) {}

  async record(entry: AuditEntry): Promise<void> {
    // Plain SQL: every protected read writes one, so it should cost one round trip and nothing more.
    await this.prisma.sql.query(
      `INSERT INTO audit_logs (id, actor_id, action, entity_type, entity_id, ip, detail) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6::jsonb)`,
      [entry.actorId, entry.action, entry.entityType, entry.entityId ?? null, entry.ip ?? null, entry.detail ? JSON.stringify(entry.detail) : null],
    );
  }

  /** The same, for reads: a failed audit write is logged but does not fail what the user asked for. */
  async recordRead(entry: AuditEntry): Promise<void> {
    await this.record(entry).catch((error: unknown) => this.logger.error(`audit write failed for ${entry.action}: ${String(error)}`));
  }
}
