import { Injectable } from '@nestjs/common';
import type { TimelineEventType } from '@telehealth/signaling';
import { AuditService } from '../audit/audit.service';
import { PrismaService } from '../prisma/prisma.service';

/** Writes what happened in a visit: timeline rows, its start and its end. Never on the relay path. */
@Injectable()
export class SessionTimelineService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Writes the events of one room transition in one statement. Each gets its own millisecond
   * after `at`, so the timeline keeps the order in which they happened.
   */
  async record(sessionId: string, events: Array<{ type: TimelineEventType; userId: string; detail?: Record<string, string> }>, at: Date): Promise<void> {
    if (events.length === 0) return;
    await this.prisma.sessionEvent.createMany({
      data: events.map((event, index) => ({ sessionId, type: event.type, userId: event.userId, detail: event.detail, occurredAt: new Date(at.getTime() + index) })),
    });
  }

  /** The first time doctor and patient are both present; later calls change nothing. */
  async markStarted(sessionId: string, at: Date): Promise<void> {
    await this.prisma.session.updateMany({ where: { id: sessionId, startedAt: null }, data: { startedAt: at, status: 'ACTIVE' } });
  }

  /** Ends the session and completes its appointment, once. Returns false if it had already ended. */
  async markEnded(sessionId: string, endedById: string, at: Date, ip?: string): Promise<boolean> {
    const ended = await this.prisma.$transaction(async (tx) => {
      const changed = await tx.session.updateMany({
        where: { id: sessionId, status: { not: 'ENDED' } },
        data: { status: 'ENDED', endedAt: at, endedById },
      });
      if (changed.count === 0) return false;
      const session = await tx.session.findUniqueOrThrow({ where: { id: sessionId }, select: { appointmentId: true } });
      await tx.appointment.update({ where: { id: session.appointmentId }, data: { status: 'COMPLETED' } });
      return true;
    });
    if (ended) await this.audit.record({ actorId: endedById, action: 'session.end', entityType: 'session', entityId: sessionId, ip });
    return ended;
  }
}
