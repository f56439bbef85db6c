import { Inject, Injectable } from '@nestjs/common';
import {
  AppointmentResponse,
  CreatedRoom,
  CreateRoomRequest,
  joinWindow,
  RoomJoinResponse,
  RoomLeaveRequest,
  RoomLeaveResponse,
  RoomView,
} from '@telehealth/contracts';
import { AppointmentsService } from '../appointments/appointments.service';
import { ApiError } from '../common/api-error';
import type { RequestContext } from '../common/request-context';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JoinAuthorization } from '../signaling/join-authorization.service';
import { RoomStatsService } from '../signaling/room-stats.service';
import { SeatRelease } from '../signaling/seat-release.service';
import { VisitInvitationsService } from '../visit-invitations/visit-invitations.service';
import { VisitRepository } from '../visits/visit.repository';

export const ONLY_DOCTORS_START = 'Only a doctor can start an instant visit; give room_id to join the room of your visit.';
/** Refusals of who the caller is (not of when): GET /api/rooms/:id answers them as errors, the rest as "not joinable". */
const ACCESS_REFUSALS = new Set([401, 403, 404]);

/**
 * The seed documents' room REST on the gateway's room engine: an instant visit (a new room),
 * whether the caller may join a room now (the seat itself is taken by a WebSocket, plain or
 * Socket.IO, as with `join-room`), and leaving from outside the socket.
 */
@Injectable()
export class Rooms {
  constructor(
    private readonly appointments: AppointmentsService,
    private readonly invitations: VisitInvitationsService,
    private readonly joins: JoinAuthorization,
    private readonly visits: VisitRepository,
    private readonly stats: RoomStatsService,
    private readonly seats: SeatRelease,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** An instant visit from now, and what its doctor shares at once: the patient's link and code. */
  async create(ctx: RequestContext, request: CreateRoomRequest): Promise<CreatedRoom> {
    if (ctx.user.role !== 'DOCTOR') throw ApiError.forbidden(ONLY_DOCTORS_START);
    const visit = await this.appointments.startInstant(ctx, request);
    const invitation = await this.invitations.invitation(ctx, visit.id);
    return createdRoom(visit, invitation);
  }

  /** A doctor's new instant room, which they may enter at once (the seed's join without `room_id`). */
  async startAndJoin(ctx: RequestContext, request: CreateRoomRequest): Promise<RoomJoinResponse> {
    const created = await this.create(ctx, request);
    return { room_id: created.room_id, client_id: ctx.user.id, status: 'joined', created };
  }

  /** May the caller enter the room now (the `join-room` rule), and as which client id. */
  async join(ctx: RequestContext, roomId: string): Promise<RoomJoinResponse> {
    const verdict = await this.joins.decide(ctx, roomId);
    if (!verdict.ok) throw new ApiError(verdict.code, verdict.error, verdict.reason);
    return { room_id: roomId, client_id: ctx.user.id, status: 'joined' };
  }

  /** The room as its party sees it before joining: when, which media, who is in it, and whether they may join now. */
  async view(ctx: RequestContext, roomId: string): Promise<RoomView> {
    const verdict = await this.joins.decide(ctx, roomId);
    if (!verdict.ok && ACCESS_REFUSALS.has(verdict.code)) throw new ApiError(verdict.code, verdict.error, verdict.reason);
    const visit = verdict.ok ? verdict.visit : await this.visits.byRoom(roomId);
    if (!visit) throw ApiError.notFound('No visit has this room.');
    return {
      room_id: roomId,
      session_id: visit.sessionId,
      starts_at: visit.startsAt.toISOString(),
      ends_at: visit.endsAt.toISOString(),
      join_opens_at: joinWindow(visit, this.config.JOIN_WINDOW_BEFORE_MIN).opensAt.toISOString(),
      media: visit.media,
      joinable: verdict.ok,
      ...(verdict.ok ? {} : { reason: verdict.reason, error: verdict.error }),
      clients: await this.stats.clientsOf(roomId),
    };
  }

  /** Gives up the caller's seat in the room, on whichever API process and transport holds it. */
  async leave(ctx: RequestContext, request: RoomLeaveRequest): Promise<RoomLeaveResponse> {
    if (request.client_id !== ctx.user.id) throw ApiError.forbidden('client_id: you can take only yourself out of a room.');
    await this.seats.release({ roomId: request.room_id, userId: ctx.user.id });
    return { room_id: request.room_id, client_id: ctx.user.id, status: 'left' };
  }
}

function createdRoom(visit: AppointmentResponse, invitation: { link: string; code: string }): CreatedRoom {
  return {
    room_id: visit.roomId,
    appointment_id: visit.id,
    session_id: visit.sessionId,
    starts_at: visit.startsAt,
    ends_at: visit.endsAt,
    media: visit.media,
    patient: { id: visit.patient.id, name: visit.patient.name },
    link: invitation.link,
    code: invitation.code,
    status: 'created',
  };
}
