import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  CreatedRoom,
  CreateRoomRequest,
  RoomJoinRequest,
  RoomJoinResponse,
  RoomLeaveResponse,
  RoomStatsQuery,
  RoomStatsResponse,
  RoomView,
  SeedRoomStats,
  ZCreateRoomRequestSchema,
  ZRoomJoinRequestSchema,
  ZRoomLeaveRequestSchema,
  ZRoomStatsQuerySchema,
  type RoomLeaveRequest,
} from '@telehealth/contracts';
import { Audited } from '../audit/audited.decorator';
import { Roles, VisitLinkAllowed } from '../auth/auth.decorators';
import { Ctx, type RequestContext } from '../common/request-context';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { RoomStatsService } from '../signaling/room-stats.service';
import { Rooms } from './rooms.service';

/**
 * Every `/api/rooms` route: the admin's overview, and the seed documents' room REST (the minimal
 * signaling API's join/leave, the mobile app's create/validate/join/leave). One controller, so that
 * `stats` is matched before `:id`.
 */
@Controller('rooms')
export class RoomsController {
  constructor(
    private readonly rooms: Rooms,
    private readonly roomStats: RoomStatsService,
  ) {}

  /** Open rooms across every API process; `?format=seed` in the seed documents' shape. */
  @Get('stats')
  @Roles('ADMIN')
  @Audited<RoomStatsResponse | SeedRoomStats>({
    action: 'rooms.stats.read',
    entityType: 'room',
    kind: 'read',
    detail: (stats) => ({ rooms: 'totals' in stats ? stats.totals.rooms : stats.total_rooms }),
  })
  stats(@Query(new ZodValidationPipe(ZRoomStatsQuerySchema)) query: RoomStatsQuery): Promise<RoomStatsResponse | SeedRoomStats> {
    return query.format === 'seed' ? this.roomStats.seedStats() : this.roomStats.stats();
  }

  /** An instant visit starting now (the web's *Start instant visit*). */
  @Post()
  @Roles('DOCTOR')
  @Audited<CreatedRoom>({
    action: 'appointment.create',
    entityType: 'appointment',
    kind: 'change',
    entityId: (room) => room.appointment_id,
    detail: (room) => ({ instant: true, media: room.media }),
  })
  create(@Ctx() ctx: RequestContext, @Body(new ZodValidationPipe(ZCreateRoomRequestSchema)) body: CreateRoomRequest): Promise<CreatedRoom> {
    return this.rooms.create(ctx, body);
  }

  @Post('join')
  @HttpCode(200)
  @VisitLinkAllowed()
  @Audited<RoomJoinResponse>({
    action: (request) => ((request.body as RoomJoinRequest).room_id === undefined ? 'appointment.create' : 'room.join-checked'),
    entityType: 'room',
    kind: 'change',
    entityId: (answer) => answer.room_id,
    detail: (answer) => (answer.created ? { instant: true, media: answer.created.media } : undefined),
  })
  join(@Ctx() ctx: RequestContext, @Body(new ZodValidationPipe(ZRoomJoinRequestSchema)) body: RoomJoinRequest): Promise<RoomJoinResponse> {
    const { room_id: roomId, ...instant } = body;
    return roomId === undefined ? this.rooms.startAndJoin(ctx, instant) : this.rooms.join(ctx, roomId);
  }

  @Post('leave')
  @HttpCode(200)
  @VisitLinkAllowed()
  @Audited<RoomLeaveResponse>({ action: 'room.leave', entityType: 'room', kind: 'change', entityId: (answer) => answer.room_id })
  leave(
    @Ctx() ctx: RequestContext,
    @Body(new ZodValidationPipe(ZRoomLeaveRequestSchema)) body: RoomLeaveRequest,
  ): Promise<RoomLeaveResponse> {
    return this.rooms.leave(ctx, body);
  }

  @Get(':id')
  @VisitLinkAllowed()
  @Audited<RoomView>({ action: 'room.read', entityType: 'room', kind: 'read' })
  view(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<RoomView> {
    return this.rooms.view(ctx, id);
  }

  @Post(':id/join')
  @HttpCode(200)
  @VisitLinkAllowed()
  @Audited<RoomJoinResponse>({ action: 'room.join-checked', entityType: 'room', kind: 'change' })
  joinById(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<RoomJoinResponse> {
    return this.rooms.join(ctx, id);
  }

  @Post(':id/leave')
  @HttpCode(200)
  @VisitLinkAllowed()
  @Audited<RoomLeaveResponse>({ action: 'room.leave', entityType: 'room', kind: 'change' })
  leaveById(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<RoomLeaveResponse> {
    return this.rooms.leave(ctx, { room_id: id, client_id: ctx.user.id });
  }
}
