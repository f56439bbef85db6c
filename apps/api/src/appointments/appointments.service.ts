import { Inject, Injectable } from '@nestjs/common';
import {
  decideVisitAction,
  AppointmentPage,
  AppointmentResponse,
  CreateAppointmentRequest,
  CreateRoomRequest,
  ListAppointmentsQuery,
  NewPatient,
  slotEnd,
  UpdateAppointmentRequest,
  visitPhase,
} from '@telehealth/contracts';
import { randomBytes } from 'node:crypto';
import { listScope } from '../access/access-policy';
import { AccessService } from '../access/access.service';
import { UsersRepository } from '../auth/users.repository';
import { ApiError } from '../common/api-error';
import type { RequestContext } from '../common/request-context';
import { VisitEvents } from '../common/visit-events';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { translator } from '../i18n/translator';
import type { Prisma } from '../generated/prisma/client';
import { PG_EXCLUSION_VIOLATION, postgresErrorCode } from '../prisma/database-errors';
import type { CancelledBy } from '../visit-invitations/visit-messages';
import { VisitNoticesService } from '../visit-invitations/visit-notices.service';
import { lockVisitFor } from '../visits/visit-lock';
import { AppointmentRow, AppointmentView, AppointmentViewer, AppointmentWithContact, toAppointmentResponse } from './appointment.mapper';
import { AppointmentsRepository, NewAppointment, PatientOf } from './appointments.repository';
import { latePatientCancel } from './patient-cancel-notice';

// A visit may be booked to start "now": the form takes a moment to fill in.
const PAST_START_TOLERANCE_MS = 5 * 60_000;
export const STAFF_EMAIL =
  'This email address belongs to a staff account of the clinic, not to a patient: ask the patient for an email address of their own.';
const NOT_A_PATIENT_EMAIL = 'This email address cannot be booked: ask the patient for an email address of their own.';
const OVERLAP_SENTENCE = 'This time overlaps another scheduled visit of the doctor; choose another time.';

function newRoomId(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * Booking, listing, rescheduling and cancelling visits. Who may do which: access/access-policy.ts;
 * the link and emails that each change causes: visit-invitations/visit-notices.service.ts; after a
 * change commits, VisitEvents tells whoever is connected (signaling's `visit-updated`).
 */
@Injectable()
export class AppointmentsService {
  constructor(
    private readonly appointments: AppointmentsRepository,
    private readonly users: UsersRepository,
    private readonly access: AccessService,
    private readonly notices: VisitNoticesService,
    private readonly visitEvents: VisitEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Books the visit; the patient (found or invited by email), its link and the confirmation email commit with it. */
  async create(ctx: RequestContext, request: CreateAppointmentRequest): Promise<AppointmentResponse> {
    const startsAt = new Date(request.startsAt);
    this.refusePastStart(startsAt);
    if (request.patientId) await this.requirePatient(request.patientId, 'patientId');
    return this.book(ctx, { startsAt, endsAt: slotEnd(request), reason: request.reason, media: 'video' }, (tx) =>
      request.patientId ? Promise.resolve(request.patientId) : this.findOrInvite(tx, ctx, request.patient!),
    );
  }

  /**
   * An instant visit (the doctor's *Start instant visit*, the seed's `POST /api/rooms`): booked from
   * now with the usual checks, for an existing patient, a new one by name (and email, if given), or
   * one not named yet, whom the doctor reaches by sharing the link.
   */
  async startInstant(ctx: RequestContext, request: CreateRoomRequest): Promise<AppointmentResponse> {
    if (request.patient_id) await this.requirePatient(request.patient_id, 'patient_id');
    const words = translator('visit.instant', ctx.user.language);
    const startsAt = new Date();
    const endsAt = new Date(startsAt.getTime() + request.duration_minutes * 60_000);
    return this.book(ctx, { startsAt, endsAt, reason: request.reason ?? words('reason'), media: request.media }, (tx) => {
      if (request.patient_id) return Promise.resolve(request.patient_id);
      const named = {
        name: request.patient?.name ?? words('patient'),
        timeZone: request.patient?.time_zone,
        language: request.patient?.language,
      };
      if (request.patient?.email) return this.findOrInvite(tx, ctx, { ...named, email: request.patient.email });
      return this.users.createUnreachablePatient(tx, {
        name: named.name,
        timeZone: named.timeZone ?? ctx.user.timeZone,
        language: named.language ?? ctx.user.language,
      });
    });
  }

  private async book(
    ctx: RequestContext,
    slot: Omit<NewAppointment, 'doctorId' | 'roomId'>,
    patientOf: PatientOf,
  ): Promise<AppointmentResponse> {
    try {
      const row = await this.appointments.create({ doctorId: ctx.user.id, ...slot, roomId: newRoomId() }, patientOf, (tx, booked) =>
        this.notices.booked(tx, booked),
      );
      await this.visitEvents.changed(row.id);
      return this.toResponse(row);
    } catch (error) {
      throw this.translateWriteError(error);
    }
  }

  /** One page of the caller's visits (an admin's: the clinic's) and their total. */
  async list(ctx: RequestContext, query: ListAppointmentsQuery): Promise<AppointmentPage> {
    this.access.require(ctx, 'appointment.read');
    const { rows, total } = await this.appointments.page(listScope(ctx.user), query, new Date());
    return { items: rows.map((row) => this.toResponse(row)), page: query.page, pageSize: query.pageSize, total };
  }

  /** One appointment; a guest of the visit is shown it without the patient's reason (see toAppointmentResponse). */
  async get(ctx: RequestContext, id: string): Promise<AppointmentResponse> {
    const visit = await this.access.requireVisit(ctx, 'appointment.read', id);
    return this.toResponse(await this.load(id), visit.as);
  }

  /**
   * The appointment of a visit, by its session's id: what the visit page shows around the call. Its
   * readers are those of the visit's record, and its guests, who are in the call but hold no record
   * (they read the appointment, without the reason).
   */
  async getBySession(ctx: RequestContext, sessionId: string): Promise<AppointmentResponse> {
    const visit =
      ctx.user.role === 'GUEST'
        ? await this.access.requireVisit(ctx, 'appointment.read', sessionId, 'session')
        : await this.access.requireVisit(ctx, 'visit.read', sessionId);
    return this.toResponse(await this.load(visit.appointmentId), visit.as);
  }

  /**
   * Cancels (the doctor, or the patient until PATIENT_CANCEL_NOTICE_MIN before the start) or
   * reschedules (the doctor); the connected parties are told once it committed.
   */
  async update(ctx: RequestContext, id: string, request: UpdateAppointmentRequest): Promise<AppointmentResponse> {
    const visit = await this.access.requireVisit(ctx, 'appointment.change', id);
    const current = await this.load(id);
    const action = request.status === 'CANCELLED' ? 'cancel' : 'reschedule';
    const allowed = decideVisitAction(visitPhase({ status: current.status, sessionStatus: current.session?.status ?? 'WAITING' }), action);
    if (!allowed.ok) throw ApiError.conflict(allowed.error, allowed.reason);
    if (action === 'reschedule' && visit.as !== 'DOCTOR')
      throw ApiError.forbidden('Only the doctor can reschedule a visit; you may cancel it instead.');
    const row =
      action === 'cancel' ? await this.cancel(ctx, id, visit.as === 'DOCTOR' ? 'doctor' : 'patient') : await this.reschedule(id, request);
    await this.visitEvents.changed(id);
    return this.toResponse(row);
  }

  /** Under the visit's lock: its state allows a cancel, and a patient is still outside the notice (409 too_late). */
  private cancel(ctx: RequestContext, id: string, by: CancelledBy): Promise<AppointmentWithContact> {
    return this.appointments.cancel(
      id,
      ctx.user.id,
      async (tx) => {
        await lockVisitFor(tx, id, 'cancel');
        if (by !== 'patient') return;
        const refusal = latePatientCancel(await this.appointments.startsAt(tx, id), new Date(), this.config.PATIENT_CANCEL_NOTICE_MIN);
        if (refusal) throw refusal;
      },
      (tx, cancelled) => this.notices.cancelled(tx, cancelled, by),
    );
  }

  private async reschedule(id: string, request: UpdateAppointmentRequest): Promise<AppointmentWithContact> {
    const slot = { startsAt: request.startsAt!, endsAt: request.endsAt, durationMinutes: request.durationMinutes };
    const startsAt = new Date(slot.startsAt);
    this.refusePastStart(startsAt);
    try {
      return await this.appointments.reschedule(
        id,
        { startsAt, endsAt: slotEnd(slot) },
        (tx) => lockVisitFor(tx, id, 'reschedule'),
        (tx, moved) => this.notices.rescheduled(tx, moved),
      );
    } catch (error) {
      throw this.translateWriteError(error);
    }
  }

  /** The booked patient's id: the one given, or the account of the given email (a new one is invited; staff is refused). */
  /** The account of a patient named by email: found, or invited (never a staff account or a guest's). */
  private async findOrInvite(tx: Prisma.TransactionClient, ctx: RequestContext, named: NewPatient): Promise<string> {
    const account = await this.users.findOrInvitePatient(tx, {
      email: named.email,
      name: named.name,
      timeZone: named.timeZone ?? ctx.user.timeZone,
      language: named.language ?? ctx.user.language,
    });
    if (account.role === 'GUEST') throw ApiError.conflict(NOT_A_PATIENT_EMAIL);
    if (account.role !== 'PATIENT') throw ApiError.conflict(STAFF_EMAIL);
    return account.id;
  }

  private async requirePatient(id: string, field: string): Promise<void> {
    if (!(await this.users.isPatient(id))) throw ApiError.badRequest(`${field}: no patient has this id.`);
  }

  private async load(id: string): Promise<AppointmentRow> {
    const row = await this.appointments.findById(id);
    if (!row) throw ApiError.notFound('No appointment with this id was found.');
    return row;
  }

  private refusePastStart(startsAt: Date): void {
    if (startsAt.getTime() < Date.now() - PAST_START_TOLERANCE_MS) throw ApiError.badRequest('startsAt: must not be in the past.');
  }

  private translateWriteError(error: unknown): unknown {
    if (postgresErrorCode(error) === PG_EXCLUSION_VIOLATION) return ApiError.conflict(OVERLAP_SENTENCE, 'slot_taken');
    if ((error as { code?: unknown })?.code === 'P2025')
      return ApiError.conflict('This visit was changed meanwhile; reload it and try again.', 'stale_version');
    return error;
  }

  private toResponse(row: AppointmentView, viewer?: AppointmentViewer): AppointmentResponse {
    return toAppointmentResponse(
      row,
      { joinBeforeMinutes: this.config.JOIN_WINDOW_BEFORE_MIN, patientCancelNoticeMinutes: this.config.PATIENT_CANCEL_NOTICE_MIN },
      viewer,
    );
  }
}
