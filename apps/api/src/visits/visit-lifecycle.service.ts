import { Inject, Injectable } from '@nestjs/common';
import { Ack, decideVisitAction, EndSessionResponse, isVisitActionAllowed, joinWindow, visitPhase } from '@telehealth/contracts';
import { AccessDecision, decideAccess, missingRecord } from '../access/access-policy';
import { AuditService } from '../audit/audit.service';
import { ApiError } from '../common/api-error';
import type { RequestContext } from '../common/request-context';
import { isUuid } from '../common/uuid';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { VisitEvents } from '../common/visit-events';
import { lockVisitPhase } from './visit-lock';
import { TimelineEntry, VisitAccess, VisitRepository } from './visit.repository';

/** What a visit's room knows of its visit: enough to close it, tell the waiting room, and write its end. */
export interface LiveVisit {
  roomId: string;
  sessionId: string;
  appointmentId: string;
  doctorId: string;
  patientId: string;
  patientName: string;
  reason: string;
  startsAt: string;
  endsAt: string;
}

export function toLiveVisit(visit: VisitAccess): LiveVisit {
  const { roomId, sessionId, appointmentId, doctorId, patientId, patientName, reason } = visit;
  const startsAt = visit.startsAt.toISOString();
  return { roomId, sessionId, appointmentId, doctorId, patientId, patientName, reason, startsAt, endsAt: visit.endsAt.toISOString() };
}

/**
 * The live side of a visit, as seen from its life: whatever holds the visit's room (the
 * signaling gateway) closes it when asked, tells whoever is in it, and comes back to
 * `markEnded` to write the end. Registered at start-up, so that visits/ knows no transport.
 */
export interface VisitRooms {
  end(visit: LiveVisit, ctx: RequestContext): Promise<Ack<{ endedAt: string }>>;
}

function refusal(decision: Extract<AccessDecision, { ok: false }>): ApiError {
  return new ApiError(decision.code, decision.error, decision.reason);
}

/**
 * A visit's life in one place: its timeline, the moment it starts (both parties present), and
 * its end, whether the doctor ends it in the call or from its record afterwards.
 */
@Injectable()
export class VisitLifecycleService {
  private rooms: VisitRooms | undefined;

  constructor(
    private readonly visits: VisitRepository,
    private readonly audit: AuditService,
    private readonly visitEvents: VisitEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The live rooms (signaling) register here once; an end from the record goes through them. */
  useRooms(rooms: VisitRooms): void {
    this.rooms = rooms;
  }

  /** What happened in the room, in order (a transition's events are stored together, see addTimeline). Never on the relay path. */
  record(sessionId: string, events: TimelineEntry[], at: Date): Promise<void> {
    return this.visits.addTimeline(sessionId, events, at);
  }

  /**
   * The first time doctor and patient are both present; later calls change nothing. Takes the
   * appointment's row lock like every visit transition, so a cancel racing this moment either
   * wins (the visit stays unstarted) or sees the call and is refused. Returns whether this call
   * started it; the caller tells VisitEvents, once for everything its room transition changed
   * (the start and the waiting room's change of one join are one `visit-updated`, one read).
   */
  async markStarted(sessionId: string, at: Date): Promise<boolean> {
    return (await this.visits.markStarted(sessionId, at)) !== undefined;
  }

  /** Ends the session and completes its appointment, once. Returns false if it had already ended or may not end. */
  async markEnded(sessionId: string, endedById: string, at: Date, ctx?: RequestContext): Promise<boolean> {
    const ended = await this.visits.transaction(async (tx) => {
      const appointmentId = await this.visits.appointmentOfSession(tx, sessionId);
      if (!appointmentId) return undefined;
      const phase = await lockVisitPhase(tx, appointmentId);
      if (!phase || !isVisitActionAllowed(phase, 'end')) return undefined;
      await this.visits.writeEnded(tx, { sessionId, appointmentId }, endedById, at);
      return appointmentId;
    });
    if (!ended) return false;
    await this.audit.record({ actorId: endedById, action: 'session.end', entityType: 'session', entityId: sessionId, ip: ctx?.ip });
    await this.visitEvents.changed(ended);
    return true;
  }

  /**
   * The doctor ends the visit from inside its call: only the doctor may, and the room decides
   * whether it is still open. Touches no database before the room does (the seat was checked at join).
   */
  async endFromCall(ctx: RequestContext, visit: LiveVisit): Promise<Ack<{ endedAt: string }>> {
    const access = decideAccess(ctx.user, 'visit.end', visit);
    if (!access.ok) return access;
    return this.roomsOrFail().end(visit, ctx);
  }

  /**
   * The doctor ends a visit from its record, outside the call: the call was left open (a closed
   * tab, a crashed node). Whoever is still in the room is told, as if the doctor had ended it there.
   */
  async endFromRecord(ctx: RequestContext, sessionId: string): Promise<EndSessionResponse> {
    const visit = isUuid(sessionId) ? await this.visits.bySession(sessionId) : undefined;
    if (!visit) throw refusal(missingRecord('visit.end'));
    const access = decideAccess(ctx.user, 'visit.end', visit);
    if (!access.ok) throw refusal(access);
    this.refuseUnendable(visit);
    const ended = await this.roomsOrFail().end(toLiveVisit(visit), ctx);
    if (!ended.ok) throw new ApiError(ended.code, ended.error, ended.reason);
    return { sessionId: visit.sessionId, endedAt: ended.endedAt };
  }

  private refuseUnendable(visit: VisitAccess): void {
    const allowed = decideVisitAction(visitPhase(visit), 'end');
    if (!allowed.ok) throw ApiError.conflict(allowed.error, allowed.reason);
    // Ending a visit that has not begun would record it as held: cancelling is the way.
    if (joinWindow(visit, this.config.JOIN_WINDOW_BEFORE_MIN).opensAt > new Date()) {
      throw ApiError.conflict('This visit has not begun yet; cancel or reschedule it instead.', 'visit_not_started');
    }
  }

  private roomsOrFail(): VisitRooms {
    if (!this.rooms) throw new Error('no live rooms registered: the signaling module is not loaded');
    return this.rooms;
  }
}
