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
    await this.prisma.auditLog.create({
      data: {
        actorId: entry.actorId,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId ?? null,
        ip: entry.ip ?? null,
        detail: entry.detail,
      },
    });
  }

  /** The same, for reads: a failed audit write is logged but does not fail what the user asked for. */
  async recordRead(entry: AuditEntry): Promise<void> {
    await this.record(entry).catch((error: unknown) => this.logger.error(`audit write failed for ${entry.action}: ${String(error)}`));
  }
}
