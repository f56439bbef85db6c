import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AckError, GuestRole } from '@telehealth/contracts';
import { decideJoin, REMOVED_MESSAGE } from '@telehealth/room-engine';
import { decideAccess, missingRecord } from '../access/access-policy';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/request-context';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { VisitGuestsService } from '../visit-guests/visit-guests.service';
import { VisitAccess, VisitRepository } from '../visits/visit.repository';
import { refused } from './acks';
import type { SignalingSocket } from './membership';
import { SIGN_IN_AGAIN, SocketSessions } from './socket-sessions';

export type JoinVerdict = { ok: true; visit: VisitAccess; as: 'DOCTOR' | 'PATIENT' | 'ADMIN' | 'GUEST'; guestRole?: GuestRole } | AckError;

/**
 * Who may enter a visit's room, now: a caller whose sign-in still holds, who is a party of the
 * visit (the access policy), at a time and in a phase the room engine's decideJoin allows.
 */
@Injectable()
export class JoinAuthorization {
  private readonly logger = new Logger('Signaling');

  constructor(
    private readonly sessions: SocketSessions,
    private readonly visits: VisitRepository,
    private readonly guests: VisitGuestsService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async authorize(socket: SignalingSocket, roomId: string): Promise<JoinVerdict> {
    // The sign-in is checked again (expired, or revoked while the socket was at the door; a
    // sign-out closes open sockets itself), without the token: a signaling ticket is short-lived.
    const [stillSignedIn, verdict] = await Promise.all([this.sessions.stillSignedIn(socket), this.decide(socket.data.context, roomId)]);
    return stillSignedIn ? verdict : refused(401, 'session_expired', SIGN_IN_AGAIN);
  }

  /** The rule itself, for a caller whose sign-in was just checked (a socket's, or a REST request's by its guard). */
  async decide(ctx: RequestContext, roomId: string): Promise<JoinVerdict> {
    const visit = await this.visits.byRoom(roomId);
    if (!visit) return missingRecord('visit.join');
    const access = decideAccess(ctx.user, 'visit.join', visit);
    if (!access.ok) {
      if (access.code === 403) await this.auditRefusal(ctx, visit.roomId);
      return access;
    }
    const timing = decideJoin({
      appointment: visit,
      session: { status: visit.sessionStatus },
      joinWindowBeforeMinutes: this.config.JOIN_WINDOW_BEFORE_MIN,
      now: new Date(),
    });
    if (!timing.ok) return timing;
    if (access.as !== 'GUEST') return { ok: true, visit, as: access.as };
    // A guest's link may outlive their place: the doctor can remove them from the visit.
    const guest = await this.guests.guestOf(ctx.user.id);
    if (!guest || guest.appointmentId !== visit.appointmentId) return missingRecord('visit.join');
    if (guest.removed) return refused(403, 'guest_removed', REMOVED_MESSAGE);
    return { ok: true, visit, as: 'GUEST', guestRole: guest.guestRole };
  }

  /** Someone tried a visit that is not theirs: a security event. The room only, nothing of the visit. */
  private async auditRefusal(ctx: RequestContext, roomId: string): Promise<void> {
    await this.audit
      .record({
        actorId: ctx.user.id,
        action: 'signaling.join-refused',
        entityType: 'room',
        entityId: roomId,
        ip: ctx.ip,
        detail: { code: 403 },
      })
      .catch((error: unknown) => this.logger.error(`audit of a refused join failed: ${String(error)}`));
  }
}
