import { Inject, Injectable } from '@nestjs/common';
import {
  decideVisitAction,
  AppointmentPage,
  AppointmentResponse,
  CreateAppointmentRequest,
  ListAppointmentsQuery,
  slotEnd,
  UpdateAppointmentRequest,
  visitPhase,
} from '@telehealth/contracts';
import { randomBytes } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { isUuid } from '../common/uuid';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { Prisma } from '../generated/prisma/client';
import { PG_EXCLUSION_VIOLATION, postgresErrorCode, retryOnDeadlock } from '../prisma/database-errors';
import { PrismaService } from '../prisma/prisma.service';
import { lockVisitFor } from './visit-lock';
import { APPOINTMENT_INCLUDE, AppointmentRow, AppointmentView, toAppointmentResponse } from './appointment.mapper';

/** A row of the list query: the total, and a visit's columns (all null when the page is past the end). */
type ListRow = AppointmentView & { total: number };

// A visit may be booked to start "now": the form takes a moment to fill in.
const PAST_START_TOLERANCE_MS = 5 * 60_000;
const OVERLAP_SENTENCE = 'This time overlaps another scheduled visit of the doctor; choose another time.';

function newRoomId(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * Which appointments a user may see at all: their own, as the doctor or as the patient; an admin
 * sees the clinic's. The one statement of the rule, for Prisma (`visibleTo`) and for SQL (`visibleToSql`).
 */
const OWNER_BY_ROLE = {
  DOCTOR: { field: 'doctorId', column: 'doctor_id' },
  PATIENT: { field: 'patientId', column: 'patient_id' },
  ADMIN: null,
} as const satisfies Record<AuthUser['role'], { field: keyof Prisma.AppointmentWhereInput; column: string } | null>;

function visibleTo(user: AuthUser): Prisma.AppointmentWhereInput {
  const owner = OWNER_BY_ROLE[user.role];
  return owner ? { [owner.field]: user.id } : {};
}

/** The same rule over `appointments a`, with the user's id as `$1` (still bound, and typed, for an admin). */
function visibleToSql(user: AuthUser): string {
  const owner = OWNER_BY_ROLE[user.role];
  return owner ? `a.${owner.column} = $1` : '$1::uuid IS NOT NULL';
}

@Injectable()
export class AppointmentsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(doctor: AuthUser, request: CreateAppointmentRequest, ip?: string): Promise<AppointmentResponse> {
    const startsAt = new Date(request.startsAt);
    const endsAt = slotEnd(request);
    this.refusePastStart(startsAt);
    const patient = await this.prisma.user.findFirst({ where: { id: request.patientId, role: 'PATIENT' }, select: { id: true } });
    if (!patient) throw ApiError.badRequest('patientId: no patient has this id.');

    let row: AppointmentRow;
    try {
      // One statement with nested writes: appointment, room and session commit together or not at all.
      row = await retryOnDeadlock(() =>
        this.prisma.appointment.create({
          data: {
            doctorId: doctor.id,
            patientId: patient.id,
            startsAt,
            endsAt,
            reason: request.reason,
            room: { create: { id: newRoomId() } },
            session: { create: {} },
          },
          include: APPOINTMENT_INCLUDE,
        }),
      );
    } catch (error) {
      throw this.translateWriteError(error);
    }
    await this.audit.record({ actorId: doctor.id, action: 'appointment.create', entityType: 'appointment', entityId: row.id, ip });
    return this.toResponse(row);
  }

  /**
   * One page of the user's visits and their total, in one statement of plain SQL: the doctor's
   * dashboard asks for this on every visit, and a clinic's doctor has thousands of visits
   * (Prisma's count + findMany with relations was four round trips and 40 ms at 10,000).
   */
  async list(user: AuthUser, query: ListAppointmentsQuery): Promise<AppointmentPage> {
    const upcoming = `(a.status = 'SCHEDULED' AND a.ends_at > $2)`;
    const filter = `${visibleToSql(user)} AND ${query.scope === 'upcoming' ? upcoming : `NOT ${upcoming}`}`;
    const order = query.scope === 'upcoming' ? 'a.starts_at ASC, a.id ASC' : 'a.starts_at DESC, a.id ASC';
    const { rows } = await this.prisma.sql.query<ListRow>(
      `SELECT t.total, page.*
         FROM (SELECT count(*)::int AS total FROM appointments a WHERE ${filter}) t
         LEFT JOIN LATERAL (
           SELECT a.id, a.starts_at AS "startsAt", a.ends_at AS "endsAt", a.reason, a.status, a.cancelled_at AS "cancelledAt", a.created_at AS "createdAt",
                  json_build_object('id', d.id, 'name', d.name, 'timeZone', d.time_zone) AS doctor,
                  json_build_object('id', p.id, 'name', p.name, 'timeZone', p.time_zone) AS patient,
                  json_build_object('id', r.id) AS room,
                  json_build_object('id', s.id, 'status', s.status) AS session
             FROM (SELECT * FROM appointments a WHERE ${filter} ORDER BY ${order} LIMIT $3 OFFSET $4) a
             JOIN users d ON d.id = a.doctor_id
             JOIN users p ON p.id = a.patient_id
             JOIN rooms r ON r.appointment_id = a.id
             JOIN sessions s ON s.appointment_id = a.id
            ORDER BY ${order}
         ) page ON true`,
      [user.id, new Date(), query.pageSize, (query.page - 1) * query.pageSize],
    );
    const items = rows.filter((row) => row.id !== null).map((row) => this.toResponse(row));
    return { items, page: query.page, pageSize: query.pageSize, total: rows[0]?.total ?? 0 };
  }

  async get(user: AuthUser, id: string, ip?: string): Promise<AppointmentResponse> {
    const row = await this.findVisible(user, id);
    await this.audit.recordRead({ actorId: user.id, action: 'appointment.read', entityType: 'appointment', entityId: row.id, ip });
    return this.toResponse(row);
  }

  async update(user: AuthUser, id: string, request: UpdateAppointmentRequest, ip?: string): Promise<AppointmentResponse> {
    const current = await this.findVisible(user, id);
    const isDoctor = current.doctorId === user.id;
    const isPatient = current.patientId === user.id;
    if (!isDoctor && !isPatient) throw ApiError.forbidden('Only the doctor or the patient of this visit may change it.');
    const action = request.status === 'CANCELLED' ? 'cancel' : 'reschedule';
    const allowed = decideVisitAction(visitPhase({ status: current.status, sessionStatus: current.session?.status ?? 'WAITING' }), action);
    if (!allowed.ok) throw ApiError.conflict(allowed.error);
    if (action === 'cancel') return this.cancel(user, id, ip);

    if (!isDoctor) throw ApiError.forbidden('Only the doctor can reschedule a visit; you may cancel it instead.');
    const slot = { startsAt: request.startsAt!, endsAt: request.endsAt, durationMinutes: request.durationMinutes };
    const startsAt = new Date(slot.startsAt);
    this.refusePastStart(startsAt);
    try {
      const row = await retryOnDeadlock(() =>
        this.prisma.$transaction(async (tx) => {
          await lockVisitFor(tx, id, 'reschedule');
          return tx.appointment.update({ where: { id }, data: { startsAt, endsAt: slotEnd(slot) }, include: APPOINTMENT_INCLUDE });
        }),
      );
      await this.audit.record({
        actorId: user.id,
        action: 'appointment.reschedule',
        entityType: 'appointment',
        entityId: id,
        ip,
        detail: { from: current.startsAt.toISOString(), to: row.startsAt.toISOString() },
      });
      return this.toResponse(row);
    } catch (error) {
      throw this.translateWriteError(error);
    }
  }

  private async cancel(user: AuthUser, id: string, ip?: string): Promise<AppointmentResponse> {
    await retryOnDeadlock(() =>
      this.prisma.$transaction(async (tx) => {
        await lockVisitFor(tx, id, 'cancel');
        await tx.appointment.update({ where: { id }, data: { status: 'CANCELLED', cancelledAt: new Date(), cancelledBy: user.id } });
      }),
    );
    await this.audit.record({ actorId: user.id, action: 'appointment.cancel', entityType: 'appointment', entityId: id, ip });
    return this.toResponse(await this.findVisible(user, id));
  }

  /** The appointment if the user may see it; otherwise 404, so ids of others' visits do not leak. */
  private async findVisible(user: AuthUser, id: string): Promise<AppointmentRow> {
    const row = isUuid(id)
      ? await this.prisma.appointment.findFirst({ where: { id, ...visibleTo(user) }, include: APPOINTMENT_INCLUDE })
      : null;
    if (!row) throw ApiError.notFound('No appointment with this id was found.');
    return row;
  }

  private refusePastStart(startsAt: Date): void {
    if (startsAt.getTime() < Date.now() - PAST_START_TOLERANCE_MS) throw ApiError.badRequest('startsAt: must not be in the past.');
  }

  private translateWriteError(error: unknown): unknown {
    if (postgresErrorCode(error) === PG_EXCLUSION_VIOLATION) return ApiError.conflict(OVERLAP_SENTENCE);
    if ((error as { code?: unknown })?.code === 'P2025')
      return ApiError.conflict('This visit was changed meanwhile; reload it and try again.');
    return error;
  }

  private toResponse(row: AppointmentView): AppointmentResponse {
    return toAppointmentResponse(row, this.config.JOIN_WINDOW_BEFORE_MIN);
  }
}
