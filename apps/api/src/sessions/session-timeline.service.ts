import { Injectable } from '@nestjs/common';
import { isVisitActionAllowed } from '@telehealth/contracts';
import type { TimelineEventType } from '@telehealth/room-engine';
import { lockVisitPhase } from '../appointments/visit-lock';
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
  async record(
    sessionId: string,
    events: Array<{ type: TimelineEventType; userId: string; detail?: Record<string, string> }>,
    at: Date,
  ): Promise<void> {
    if (events.length === 0) return;
    // Plain SQL: this runs on every join and leave (see SignalingRepository).
    const values: unknown[] = [];
    const tuples = events.map((event, index) => {
      values.push(sessionId, event.userId, event.type, event.detail ? JSON.stringify(event.detail) : null, new Date(at.getTime() + index));
      const n = index * 5;
      return `(gen_random_uuid(), $${n + 1}::uuid, $${n + 2}::uuid, $${n + 3}::"SessionEventType", $${n + 4}::jsonb, $${n + 5})`;
    });
    await this.prisma.sql.query(
      `INSERT INTO session_events (id, session_id, user_id, type, detail, occurred_at) VALUES ${tuples.join(', ')}`,
      values,
    );
  }

  /**
   * The first time doctor and patient are both present; later calls change nothing. Takes the
   * appointment's row lock like every visit transition (see lockVisitPhase), so a cancel racing
   * this moment either wins (the visit stays unstarted) or sees the call and is refused.
   */
  async markStarted(sessionId: string, at: Date): Promise<void> {
    // Plain SQL, one statement: this runs on every join that completes a room.
    await this.prisma.sql.query(
      `WITH visit AS (
         SELECT a.id FROM appointments a JOIN sessions s ON s.appointment_id = a.id
          WHERE s.id = $1 AND a.status = 'SCHEDULED' FOR UPDATE OF a
       )
       UPDATE sessions SET started_at = $2, status = 'ACTIVE'
        WHERE id = $1 AND started_at IS NULL AND status = 'WAITING' AND appointment_id IN (SELECT id FROM visit)`,
      [sessionId, at],
    );
  }

  /** Ends the session and completes its appointment, once. Returns false if it had already ended or may not end. */
  async markEnded(sessionId: string, endedById: string, at: Date, ip?: string): Promise<boolean> {
    const ended = await this.prisma.$transaction(async (tx) => {
      const session = await tx.session.findUnique({ where: { id: sessionId }, select: { appointmentId: true } });
      if (!session) return false;
      const phase = await lockVisitPhase(tx, session.appointmentId);
      if (!phase || !isVisitActionAllowed(phase, 'end')) return false;
      await tx.session.update({ where: { id: sessionId }, data: { status: 'ENDED', endedAt: at, endedById } });
      await tx.appointment.update({ where: { id: session.appointmentId }, data: { status: 'COMPLETED' } });
      return true;
    });
    if (ended) await this.audit.record({ actorId: endedById, action: 'session.end', entityType: 'session', entityId: sessionId, ip });
    return ended;
  }
}
