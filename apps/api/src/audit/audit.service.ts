import { Injectable, Logger } from '@nestjs/common';
import type { AuditVerifyResponse } from '@telehealth/contracts';
import { GroupCommit } from '../common/group-commit';
import { AuditRepository } from './audit.repository';

export interface AuditEntry {
  actorId: string | null;
  /** What was done, as `<record>.<verb>`, e.g. `appointment.read`, `appointment.cancel`, `auth.sign-in.failed`. */
  action: string;
  entityType: string;
  entityId?: string | null;
  ip?: string | null;
  detail?: Record<string, string | number | boolean | null>;
}

/**
 * Writes who read or changed which protected record, and security events (failed sign-ins,
 * throttles, registrations, refused access). Append-only and tamper-evident: a trigger on
 * audit_logs chains each row's hash to the previous one under a lock on the chain head, so API
 * processes writing at once cannot fork the chain. Never holds PHI in `detail`.
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);
  // Audit rows are written on hot paths (every join, every protected read) and all of them queue
  // on one chain lock: while a batch is being appended, the rows that arrive go together in the next.
  private readonly appends = new GroupCommit<AuditEntry, void>((entries) => this.append(entries));

  constructor(private readonly repository: AuditRepository) {}

  /** Stores the row before resolving; fails when it cannot be stored (use for changes). */
  async record(entry: AuditEntry): Promise<void> {
    await this.appends.add(entry);
  }

  /** The same, for reads: a failed audit write is logged but does not fail what the user asked for. */
  async recordRead(entry: AuditEntry): Promise<void> {
    await this.record(entry).catch((error: unknown) => this.logger.error(`audit write failed for ${entry.action}: ${String(error)}`));
  }

  /**
   * A security event (a refused join, a failed sign-in, a 403/404 on someone else's record).
   * Never rejects: a failed write is logged, and the refusal the caller answers stays as it is.
   * Example: `recordSecurityEvent({ actorId: user.id, action: 'session.join.refused', entityType: 'room', entityId: roomId, ip, detail: { code: 403 } })`.
   */
  async recordSecurityEvent(entry: AuditEntry): Promise<void> {
    await this.recordRead(entry);
  }

  /** Whether the hash chain holds, and where it first breaks. */
  verify(): Promise<AuditVerifyResponse> {
    return this.repository.verifyChain();
  }

  private async append(entries: AuditEntry[]): Promise<void[]> {
    await this.repository.append(entries);
    return entries.map(() => undefined);
  }
}
