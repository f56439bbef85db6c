import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository';
import { VisitEvents } from '../common/visit-events';
import { AppointmentsRepository } from './appointments.repository';

export const NO_SHOW_SWEEP_INTERVAL_MS = 60_000;

/**
 * Marks a scheduled visit NO_SHOW once its join window closed (its end passed) and its session
 * never started (doctor and patient were never together). One conditional UPDATE decides, so
 * several API nodes may sweep at once: each appointment is marked, audited and announced
 * (VisitEvents) exactly once.
 */
@Injectable()
export class NoShowSweepService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('NoShowSweep');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly appointments: AppointmentsRepository,
    private readonly auditLog: AuditRepository,
    private readonly visitEvents: VisitEvents,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) => this.logger.error(`sweep failed: ${error instanceof Error ? error.message : String(error)}`));
    }, NO_SHOW_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Returns the ids of the appointments it marked NO_SHOW. */
  async sweep(): Promise<string[]> {
    const ids = await this.appointments.markNoShows();
    if (ids.length > 0) {
      await this.auditLog.append(
        ids.map((id) => ({ actorId: null, action: 'appointment.no-show', entityType: 'appointment', entityId: id })),
      );
      this.logger.log(`marked ${ids.length} missed visit(s) NO_SHOW`);
    }
    // After the UPDATE committed: the doctor's list and the patient's dashboard show "Missed" at once.
    for (const id of ids) await this.visitEvents.changed(id);
    return ids;
  }
}
