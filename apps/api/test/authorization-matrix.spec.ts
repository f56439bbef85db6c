import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { CLIENT_EVENTS } from '@telehealth/contracts';
import { newPasswordToken } from '../src/auth/password-tokens';
import { ThrottleStore } from '../src/auth/throttle-store';
import { TokenService } from '../src/auth/token.service';
import { VisitLinksService } from '../src/visit-links/visit-links.service';
import { ClientSocket, connectSignaling, request } from './signaling-client';
import { bearer, minutesFromNow, signedInUser, startTestApp, TEST_PASSWORD, TestApp, TestUser } from './test-app';

type Actor =
  | 'doctorOfVisit'
  | 'otherDoctor'
  | 'patientOfVisit'
  | 'otherPatient'
  | 'admin'
  | 'signedOut'
  | 'expiredToken'
  | 'deactivatedStaff'
  | 'visitLinkOwn'
  | 'visitLinkOther'
  | 'guestOwn'
  | 'guestOther'
  | 'guestRemoved';
const ACTORS: Actor[] = [
  'doctorOfVisit',
  'otherDoctor',
  'patientOfVisit',
  'otherPatient',
  'admin',
  'signedOut',
  'expiredToken',
  'deactivatedStaff',
  'visitLinkOwn',
  'visitLinkOther',
  'guestOwn',
  'guestOther',
  'guestRemoved',
];
/** Callers whose session came from a visit link (the patient's or a guest's): no password to sign in with again. */
type LinkActor = Extract<Actor, 'visitLinkOwn' | 'visitLinkOther' | 'guestOwn' | 'guestOther' | 'guestRemoved'>;
const isLinkActor = (actor: Actor): actor is LinkActor => actor.startsWith('visitLink') || actor.startsWith('guest');
const SECRET = 'integration-tests-secret-that-is-long-enough';

/** Expected status per actor, in ACTORS order. */
type Row = [
  doctorOfVisit: number,
  otherDoctor: number,
  patientOfVisit: number,
  otherPatient: number,
  admin: number,
  signedOut: number,
  expiredToken: number,
  /** A doctor deactivated by an admin, calling with the token they held before. */
  deactivatedStaff: number,
  /** The patient of the visit, signed in by that visit's link (no password): the row's visit, or any visit for a list. */
  visitLinkOwn: number,
  /** The same patient, signed in by the link of another of their visits. */
  visitLinkOther: number,
  /** A guest (an interpreter) the doctor invited to the row's visit, signed in by their own link. */
  guestOwn: number,
  /** A guest of another visit of the same doctor and patient. */
  guestOther: number,
  /** A guest of the row's visit, signed in by their link, whom the doctor then removed. */
  guestRemoved: number,
];

interface Fixture {
  appointmentId: string;
  sessionId: string;
  endsAt: Date;
}

interface RouteCase {
  /** METHOD and the route pattern as registered, e.g. `GET /api/appointments/:id`. */
  route: string;
  expect: Row;
  /**
   * Path and body for one actor; may build fresh records so a change by one actor does not alter
   * the next. `visit`: the visit the row is about (a visit-link caller's "own" visit).
   */
  build(actor: Actor): Promise<{ path: string; body?: unknown; visit?: Fixture }>;
  /** Call with a token of its own (signing out revokes every token of the caller). */
  ownToken?: boolean;
  /** A body that names the caller (their user id, read from the token: a guest's is not known before). */
  callerBody?: (callerId: string) => unknown;
  /** Runs once the row's callers are through (a visit open now freed for the rows after it). */
  after?: () => Promise<void>;
}

describe('authorization matrix: every REST route and socket event × every kind of caller', () => {
  let sut: TestApp;
  const users = {} as Record<Exclude<Actor, 'signedOut' | 'expiredToken' | LinkActor>, TestUser>;
  let expiredToken: string;
  /** A visit of the same doctor and patient that no row is about: the link of "another visit". */
  let standingVisit: Fixture;

  beforeAll(async () => {
    // Every visit-link session of the matrix is redeemed from 127.0.0.1, and every caller registers from there too.
    sut = await startTestApp({ VISIT_LINK_REDEEMS_PER_ADDRESS: '1000', REGISTER_MAX_PER_ADDRESS_PER_HOUR: '100' }, { listen: true });
    users.doctorOfVisit = await signedInUser(sut, 'DOCTOR');
    users.otherDoctor = await signedInUser(sut, 'DOCTOR');
    users.patientOfVisit = await signedInUser(sut, 'PATIENT');
    users.otherPatient = await signedInUser(sut, 'PATIENT');
    users.admin = await signedInUser(sut, 'ADMIN');
    users.deactivatedStaff = await signedInUser(sut, 'DOCTOR');
    await sut.http.patch(`/api/staff/${users.deactivatedStaff.id}`).set(bearer(users.admin)).send({ active: false }).expect(200);
    expiredToken = jwt.sign({ role: 'DOCTOR' }, SECRET, {
      subject: users.doctorOfVisit.id,
      issuer: 'telehealth-api',
      audience: 'telehealth',
      expiresIn: -60,
    });
    standingVisit = await visit();
  });
  afterAll(async () => {
    await sut.close();
  });

  /** A visit-link session of patientOfVisit for `fixture`: a link issued as a booking does, redeemed over HTTP. */
  async function visitLinkToken(fixture: Fixture): Promise<string> {
    const links = sut.app.get(VisitLinksService);
    const issued = await sut.prisma.$transaction((tx) =>
      links.issue(tx, { id: fixture.appointmentId, patientId: users.patientOfVisit.id, endsAt: fixture.endsAt }),
    );
    const token = new URL(issued.link).pathname.split('/').pop();
    const redeemed = await sut.http.post('/api/visit-links/redeem').send({ token }).expect(200);
    return redeemed.body.accessToken as string;
  }

  /** A new guest of `fixture` (as an invitation makes one), signed in by their own link redeemed over HTTP; then removed, if asked. */
  async function guestToken(fixture: Fixture, options: { removed?: boolean } = {}): Promise<string> {
    const guestId = randomUUID();
    const issued = await sut.prisma.$transaction(async (tx) => {
      await tx.user.create({ data: { id: guestId, email: `guest-${guestId}@guests.invalid`, name: 'Matrix Guest', role: 'GUEST' } });
      await tx.visitGuest.create({
        data: { id: guestId, appointmentId: fixture.appointmentId, role: 'INTERPRETER', invitedById: users.doctorOfVisit.id },
      });
      return sut.app.get(VisitLinksService).issueForGuest(tx, { appointmentId: fixture.appointmentId, guestId, endsAt: fixture.endsAt });
    });
    const redeemed = await sut.http
      .post('/api/visit-links/redeem')
      .send({ token: new URL(issued.link).pathname.split('/').pop() })
      .expect(200);
    // By the doctor's hand, with a token of the moment (the logout row signs the doctor out everywhere).
    if (options.removed) {
      await sut.http
        .delete(`/api/appointments/${fixture.appointmentId}/guests/${guestId}`)
        .set(bearer({ token: sut.app.get(TokenService).sign(users.doctorOfVisit.id, 'DOCTOR').token }))
        .expect(204);
    }
    return redeemed.body.accessToken as string;
  }

  async function tokenOf(actor: Actor, rowVisit: Fixture | undefined): Promise<string | undefined> {
    if (actor === 'signedOut') return undefined;
    if (actor === 'expiredToken') return expiredToken;
    if (actor === 'visitLinkOwn') return visitLinkToken(rowVisit ?? standingVisit);
    if (actor === 'visitLinkOther') return visitLinkToken(standingVisit);
    if (actor === 'guestOwn') return guestToken(rowVisit ?? standingVisit);
    if (actor === 'guestOther') return guestToken(standingVisit);
    if (actor === 'guestRemoved') return guestToken(rowVisit ?? standingVisit, { removed: true });
    return users[actor].token;
  }

  async function freshTokenOf(actor: Actor, rowVisit?: Fixture): Promise<string | undefined> {
    // A deactivated account cannot sign in: it calls with the token it held.
    if (actor === 'signedOut' || actor === 'expiredToken' || actor === 'deactivatedStaff' || isLinkActor(actor))
      return tokenOf(actor, rowVisit);
    const login = await sut.http.post('/api/auth/login').send({ email: users[actor].email, password: TEST_PASSWORD }).expect(200);
    return login.body.accessToken as string;
  }

  // Every visit and booking of the matrix takes its own half-hour slot: the same doctor and patient
  // cannot be booked twice at once, and a random slot collided in about one run in ten.
  let slotsTaken = 0;
  const nextFreeSlot = (daysFromNow: number) => minutesFromNow(daysFromNow * 24 * 60 + 30 * slotsTaken++);

  /**
   * A visit of doctorOfVisit with patientOfVisit, straight in the database: upcoming, or ended,
   * or left open (held last month, the call never ended).
   */
  async function visit(
    options: { ended?: boolean; leftOpen?: boolean; startsInMinutes?: number; doctorId?: string } = {},
  ): Promise<Fixture> {
    const startsAt = new Date(
      options.startsInMinutes === undefined ? nextFreeSlot(options.leftOpen ? -30 : 30) : minutesFromNow(options.startsInMinutes),
    );
    const endsAt = new Date(startsAt.getTime() + 20 * 60_000);
    const row = await sut.prisma.appointment.create({
      data: {
        doctorId: options.doctorId ?? users.doctorOfVisit.id,
        patientId: users.patientOfVisit.id,
        startsAt,
        endsAt,
        reason: 'Matrix',
        status: options.ended ? 'COMPLETED' : 'SCHEDULED',
        room: { create: { id: randomUUID() } },
        session: {
          create: options.ended
            ? {
                status: 'ENDED',
                startedAt: startsAt,
                endedAt: new Date(startsAt.getTime() + 10 * 60_000),
                endedById: users.doctorOfVisit.id,
              }
            : options.leftOpen
              ? { status: 'ACTIVE', startedAt: startsAt }
              : {},
        },
      },
      include: { session: true },
    });
    return { appointmentId: row.id, sessionId: row.session!.id, endsAt };
  }

  /** A fresh invited account and the token of its set-password link. */
  async function invitedAccountToken(): Promise<string> {
    const { token, tokenHash, expiresAt } = newPasswordToken('INVITATION');
    await sut.prisma.user.create({
      data: {
        email: `invited-${randomUUID()}@test.example`,
        name: 'Invited',
        role: 'DOCTOR',
        passwordTokens: { create: { purpose: 'INVITATION', tokenHash, expiresAt } },
      },
    });
    return token;
  }

  const D = 200;
  /** The visit open now of the POST /api/rooms/join rows (cancelled after each). */
  let openNow: Fixture | undefined;
  /** The visit of the GET /api/rooms/:id row. */
  let viewed: Fixture | undefined;
  const roomOf = async (fixture: Fixture) =>
    (await sut.prisma.room.findUniqueOrThrow({ where: { appointmentId: fixture.appointmentId } })).id;
  const cases: RouteCase[] = [
    { route: 'GET /api/health', expect: [D, D, D, D, D, D, D, D, D, D, D, D, D], build: async () => ({ path: '/api/health' }) },
    { route: 'GET /api/openapi.json', expect: [D, D, D, D, D, D, D, D, D, D, D, D, D], build: async () => ({ path: '/api/openapi.json' }) },
    { route: 'GET /api/docs', expect: [D, D, D, D, D, D, D, D, D, D, D, D, D], build: async () => ({ path: '/api/docs' }) },
    {
      route: 'GET /api/docs/:file',
      expect: [D, D, D, D, D, D, D, D, D, D, D, D, D],
      build: async () => ({ path: '/api/docs/swagger-ui.css' }),
    },
    {
      route: 'POST /api/auth/register',
      expect: [202, 202, 202, 202, 202, 202, 202, 202, 202, 202, 202, 202, 202],
      build: async () => ({
        path: '/api/auth/register',
        body: { email: `matrix-${randomUUID()}@test.example`, password: 'a long password', name: 'New' },
      }),
    },
    {
      route: 'POST /api/auth/login',
      expect: [D, D, D, D, D, D, D, D, D, D, D, D, D],
      build: async () => ({ path: '/api/auth/login', body: { email: users.otherPatient.email, password: TEST_PASSWORD } }),
    },
    {
      route: 'POST /api/auth/password/forgot',
      expect: [202, 202, 202, 202, 202, 202, 202, 202, 202, 202, 202, 202, 202],
      build: async () => {
        // Ten requests an hour per address (not a setting): the row has more callers, all from 127.0.0.1.
        await sut.app.get(ThrottleStore).delete('forgot:address:127.0.0.1', 'forgot:address:::ffff:127.0.0.1');
        return { path: '/api/auth/password/forgot', body: { email: users.otherPatient.email } };
      },
    },
    {
      route: 'POST /api/auth/password/reset',
      expect: [204, 204, 204, 204, 204, 204, 204, 204, 204, 204, 204, 204, 204],
      build: async () => ({
        path: '/api/auth/password/reset',
        body: { token: await invitedAccountToken(), password: 'a long new password' },
      }),
    },
    {
      route: 'POST /api/staff',
      expect: [403, 403, 403, 403, 201, 401, 401, 401, 403, 403, 403, 403, 401],
      build: async () => ({
        path: '/api/staff',
        body: { name: 'New Doctor', email: `staff-${randomUUID()}@test.example`, role: 'DOCTOR' },
      }),
    },
    {
      route: 'GET /api/staff',
      expect: [403, 403, 403, 403, D, 401, 401, 401, 403, 403, 403, 403, 401],
      build: async () => ({ path: '/api/staff' }),
    },
    {
      route: 'PATCH /api/staff/:id',
      expect: [403, 403, 403, 403, D, 401, 401, 401, 403, 403, 403, 403, 401],
      build: async () => ({ path: `/api/staff/${(await signedInUser(sut, 'DOCTOR')).id}`, body: { active: false } }),
    },
    { route: 'GET /api/me', expect: [D, D, D, D, D, 401, 401, 401, D, D, D, D, 401], build: async () => ({ path: '/api/me' }) },
    {
      // Each caller changes their own account only: there is no id to name someone else's.
      route: 'PATCH /api/me',
      expect: [D, D, D, D, D, 401, 401, 401, D, D, D, D, 401],
      build: async () => ({ path: '/api/me', body: { language: 'es' } }),
    },
    {
      route: 'POST /api/auth/signaling-ticket',
      expect: [D, D, D, D, D, 401, 401, 401, D, D, D, D, 401],
      build: async () => ({ path: '/api/auth/signaling-ticket' }),
    },
    {
      route: 'GET /api/patients',
      expect: [D, D, 403, 403, 403, 401, 401, 401, 403, 403, 403, 403, 401],
      build: async () => ({ path: '/api/patients?query=a' }),
    },
    {
      route: 'POST /api/appointments',
      expect: [201, 201, 403, 403, 403, 401, 401, 401, 403, 403, 403, 403, 401],
      build: async () => ({
        path: '/api/appointments',
        body: { patientId: users.patientOfVisit.id, startsAt: nextFreeSlot(30), durationMinutes: 15, reason: 'Matrix booking' },
      }),
    },
    {
      route: 'GET /api/appointments',
      expect: [D, D, D, D, D, 401, 401, 401, 403, 403, 403, 403, 401],
      build: async () => ({ path: '/api/appointments' }),
    },
    {
      route: 'GET /api/appointments/:id',
      expect: [D, 404, D, 404, D, 401, 401, 401, D, 404, D, 404, 401],
      build: async () => {
        const row = await visit();
        return { path: `/api/appointments/${row.appointmentId}`, visit: row };
      },
    },
    {
      route: 'PATCH /api/appointments/:id',
      expect: [D, 404, D, 404, 403, 401, 401, 401, 403, 403, 403, 403, 401],
      build: async () => ({ path: `/api/appointments/${(await visit()).appointmentId}`, body: { status: 'CANCELLED' } }),
    },
    {
      route: 'GET /api/appointments/:id/invitation',
      expect: [D, 404, 403, 403, 403, 401, 401, 401, 403, 403, 403, 403, 401],
      build: async () => {
        const row = await visit();
        return { path: `/api/appointments/${row.appointmentId}/invitation`, visit: row };
      },
    },
    {
      // An admin gets the calendar file without the link and code (the link signs in as the patient).
      route: 'GET /api/appointments/:id/calendar.ics',
      expect: [D, 404, D, 404, D, 401, 401, 401, D, 404, 403, 404, 401],
      build: async () => {
        const row = await visit();
        return { path: `/api/appointments/${row.appointmentId}/calendar.ics`, visit: row };
      },
    },
    {
      route: 'POST /api/appointments/:id/guests',
      expect: [201, 404, 403, 403, 403, 401, 401, 401, 403, 403, 403, 403, 401],
      build: async () => {
        const row = await visit();
        return { path: `/api/appointments/${row.appointmentId}/guests`, body: { name: 'Ana Ruiz', role: 'INTERPRETER' }, visit: row };
      },
    },
    {
      route: 'GET /api/appointments/:id/guests',
      expect: [D, 404, 403, 403, 403, 401, 401, 401, 403, 403, 403, 403, 401],
      build: async () => {
        const row = await visit();
        return { path: `/api/appointments/${row.appointmentId}/guests`, visit: row };
      },
    },
    {
      route: 'DELETE /api/appointments/:id/guests/:guestId',
      expect: [204, 404, 403, 403, 403, 401, 401, 401, 403, 403, 403, 403, 401],
      build: async () => {
        const row = await visit();
        const invited = await sut.http
          .post(`/api/appointments/${row.appointmentId}/guests`)
          .set(bearer(users.doctorOfVisit))
          .send({ name: 'Tom Brandt', role: 'CAREGIVER' })
          .expect(201);
        return { path: `/api/appointments/${row.appointmentId}/guests/${invited.body.guestId as string}`, visit: row };
      },
    },
    {
      route: 'GET /api/ice-servers',
      expect: [D, D, D, D, D, 401, 401, 401, D, D, D, D, 401],
      build: async () => ({ path: '/api/ice-servers' }),
    },
    {
      route: 'GET /api/sessions',
      expect: [D, D, D, D, D, 401, 401, 401, 403, 403, 403, 403, 401],
      build: async () => ({ path: '/api/sessions' }),
    },
    {
      route: 'GET /api/sessions/:id',
      expect: [D, 404, D, 404, 404, 401, 401, 401, D, 404, 404, 404, 401],
      build: async () => {
        const row = await visit({ ended: true });
        return { path: `/api/sessions/${row.sessionId}`, visit: row };
      },
    },
    {
      route: 'GET /api/sessions/:id/appointment',
      expect: [D, 404, D, 404, 404, 401, 401, 401, D, 404, D, 404, 401],
      build: async () => {
        const row = await visit();
        return { path: `/api/sessions/${row.sessionId}/appointment`, visit: row };
      },
    },
    {
      route: 'POST /api/sessions/:id/end',
      expect: [D, 404, 403, 404, 404, 401, 401, 401, 403, 403, 403, 403, 401],
      build: async () => ({ path: `/api/sessions/${(await visit({ leftOpen: true })).sessionId}/end` }),
    },
    {
      route: 'GET /api/sessions/:id/notes',
      expect: [D, 404, 404, 404, 404, 401, 401, 401, 403, 403, 403, 403, 401],
      build: async () => ({ path: `/api/sessions/${(await visit({ ended: true })).sessionId}/notes` }),
    },
    {
      route: 'PUT /api/sessions/:id/notes',
      expect: [D, 404, 404, 404, 404, 401, 401, 401, 403, 403, 403, 403, 401],
      build: async () => ({
        path: `/api/sessions/${(await visit({ ended: true })).sessionId}/notes`,
        body: { body: 'Assessment and plan', baseVersion: 0 },
      }),
    },
    {
      route: 'GET /api/sessions/:id/report.pdf',
      expect: [D, 404, D, 404, 404, 401, 401, 401, D, 404, 404, 404, 401],
      build: async () => {
        const row = await visit({ ended: true });
        return { path: `/api/sessions/${row.sessionId}/report.pdf`, visit: row };
      },
    },
    {
      route: 'GET /api/rooms/stats',
      expect: [403, 403, 403, 403, D, 401, 401, 401, 403, 403, 403, 403, 401],
      build: async () => ({ path: '/api/rooms/stats' }),
    },
    {
      // The seed's room join: the join-room rule, asked over REST (a guest may enter, to wait in the lobby).
      route: 'POST /api/rooms/join',
      expect: [D, 403, D, 403, 403, 401, 401, 401, D, 403, D, 403, 401],
      build: async () => {
        // One visit open now for every caller: the doctor cannot be booked twice at once.
        openNow ??= await visit({ startsInMinutes: 0 });
        return { path: '/api/rooms/join', body: { room_id: await roomOf(openNow) }, visit: openNow };
      },
      after: async () => {
        if (openNow) await sut.prisma.appointment.update({ where: { id: openNow.appointmentId }, data: { status: 'CANCELLED' } });
        openNow = undefined;
      },
    },
    {
      route: 'POST /api/rooms/:id/join',
      expect: [D, 403, D, 403, 403, 401, 401, 401, D, 403, D, 403, 401],
      build: async () => {
        openNow ??= await visit({ startsInMinutes: 0 });
        return { path: `/api/rooms/${await roomOf(openNow)}/join`, visit: openNow };
      },
      after: async () => {
        if (openNow) await sut.prisma.appointment.update({ where: { id: openNow.appointmentId }, data: { status: 'CANCELLED' } });
        openNow = undefined;
      },
    },
    {
      // An instant visit from now: doctors only (each call books the caller one, cancelled after the row).
      route: 'POST /api/rooms',
      expect: [201, 201, 403, 403, 403, 401, 401, 401, 403, 403, 403, 403, 401],
      build: async () => ({ path: '/api/rooms', body: { duration_minutes: 5, reason: 'Matrix instant visit' } }),
      after: async () => {
        await sut.prisma.appointment.updateMany({ where: { reason: 'Matrix instant visit' }, data: { status: 'CANCELLED' } });
      },
    },
    {
      // Validating a room before joining: the parties of its visit (a month ahead: not joinable yet, still 200).
      route: 'GET /api/rooms/:id',
      expect: [D, 403, D, 403, 403, 401, 401, 401, D, 403, D, 403, 401],
      build: async () => {
        viewed ??= await visit();
        return { path: `/api/rooms/${await roomOf(viewed)}`, visit: viewed };
      },
    },
    {
      route: 'POST /api/rooms/:id/leave',
      expect: [D, D, D, D, D, 401, 401, 401, D, D, D, D, 401],
      build: async () => ({ path: `/api/rooms/${await roomOf(standingVisit)}/leave`, visit: standingVisit }),
    },
    {
      // Giving up one's own seat: anyone signed in may, seated or not (as leave-room).
      route: 'POST /api/rooms/leave',
      expect: [D, D, D, D, D, 401, 401, 401, D, D, D, D, 401],
      build: async () => ({ path: '/api/rooms/leave', visit: standingVisit }),
      callerBody: (callerId) => ({ room_id: 'any-room', client_id: callerId }),
    },
    {
      route: 'GET /api/audit',
      expect: [403, 403, 403, 403, D, 401, 401, 401, 403, 403, 403, 403, 401],
      build: async () => ({ path: '/api/audit' }),
    },
    {
      route: 'GET /api/admin/visits',
      expect: [403, 403, 403, 403, D, 401, 401, 401, 403, 403, 403, 403, 401],
      build: async () => ({ path: '/api/admin/visits' }),
    },
    {
      // The admin's page of a visit: no party of the visit reaches it either (theirs is /api/sessions/:id).
      route: 'GET /api/admin/visits/:id',
      expect: [403, 403, 403, 403, D, 401, 401, 401, 403, 403, 403, 403, 401],
      build: async () => {
        const row = await visit({ ended: true });
        return { path: `/api/admin/visits/${row.sessionId}`, visit: row };
      },
    },
    {
      route: 'GET /api/audit/verify',
      expect: [403, 403, 403, 403, D, 401, 401, 401, 403, 403, 403, 403, 401],
      build: async () => ({ path: '/api/audit/verify' }),
    },
    {
      route: 'POST /api/visit-links/redeem',
      expect: [D, D, D, D, D, D, D, D, D, D, D, D, D],
      build: async () => {
        const issued = await sut.prisma.$transaction(async (tx) => {
          const row = await visit();
          return sut.app
            .get(VisitLinksService)
            .issue(tx, { id: row.appointmentId, patientId: users.patientOfVisit.id, endsAt: row.endsAt });
        });
        return { path: '/api/visit-links/redeem', body: { code: issued.code } };
      },
    },
    {
      // Every caller here already has a password (the visit link's patient too): 409 says it was let through.
      route: 'POST /api/auth/password/choose',
      expect: [409, 409, 409, 409, 409, 401, 401, 401, 409, 409, 403, 403, 401],
      build: async () => ({ path: '/api/auth/password/choose', body: { password: 'a long new password' } }),
    },
    {
      route: 'POST /api/auth/logout',
      expect: [204, 204, 204, 204, 204, 401, 401, 401, 204, 204, 204, 204, 401],
      ownToken: true,
      build: async () => ({ path: '/api/auth/logout' }),
    },
  ];

  it('has a row for every route the API serves', () => {
    const router = (
      sut.app.getHttpAdapter().getInstance() as { router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } }
    ).router;
    // A catch-all (`/api{/*splat}`) answers paths no route serves; it is not a route of its own.
    const served = router.stack
      .filter((layer) => layer.route && !layer.route.path.includes('*'))
      .flatMap((layer) =>
        Object.keys(layer.route!.methods)
          .filter((method) => method !== '_all')
          .map((method) => `${method.toUpperCase()} ${layer.route!.path}`),
      );
    expect(new Set(served)).toEqual(new Set(cases.map((row) => row.route)));
  });

  it('answers every route with the exact status for each caller', async () => {
    const failures: string[] = [];
    for (const row of cases) {
      const method = row.route.split(' ')[0]!.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
      for (const [index, actor] of ACTORS.entries()) {
        const { path, body: builtBody, visit: rowVisit } = await row.build(actor);
        let call = sut.http[method](path);
        const token = row.ownToken ? await freshTokenOf(actor, rowVisit) : await tokenOf(actor, rowVisit);
        if (token) call = call.set(bearer({ token }));
        const callerId = token ? (jwt.decode(token) as { sub?: string } | null)?.sub : undefined;
        const body = row.callerBody ? row.callerBody(callerId ?? 'nobody') : builtBody;
        const response = body === undefined ? await call : await call.send(body as object);
        if (response.status !== row.expect[index])
          failures.push(
            `${row.route} as ${actor}: ${response.status}, expected ${row.expect[index]} (${JSON.stringify(response.body).slice(0, 120)})`,
          );
      }
      await row.after?.();
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('answers every socket event with the exact code for each caller', async () => {
    // Expected per event: 'ok' or an error code; joins happen first, in a visit whose window is open.
    const expectations: Record<
      (typeof CLIENT_EVENTS)[number],
      Record<'doctorOfVisit' | 'otherDoctor' | 'patientOfVisit' | 'otherPatient' | 'admin', 'ok' | number>
    > = {
      'join-room': { doctorOfVisit: 'ok', otherDoctor: 403, patientOfVisit: 'ok', otherPatient: 403, admin: 403 },
      offer: { doctorOfVisit: 'ok', otherDoctor: 409, patientOfVisit: 'ok', otherPatient: 409, admin: 409 },
      answer: { doctorOfVisit: 'ok', otherDoctor: 409, patientOfVisit: 'ok', otherPatient: 409, admin: 409 },
      'ice-candidate': { doctorOfVisit: 'ok', otherDoctor: 409, patientOfVisit: 'ok', otherPatient: 409, admin: 409 },
      'chat-message': { doctorOfVisit: 'ok', otherDoctor: 409, patientOfVisit: 'ok', otherPatient: 409, admin: 409 },
      'chat-history': { doctorOfVisit: 'ok', otherDoctor: 409, patientOfVisit: 'ok', otherPatient: 409, admin: 409 },
      'media-state': { doctorOfVisit: 'ok', otherDoctor: 409, patientOfVisit: 'ok', otherPatient: 409, admin: 409 },
      // About the other party of the call (seated): anyone seated may report their connection; only the doctor verifies.
      'call-stats': { doctorOfVisit: 'ok', otherDoctor: 409, patientOfVisit: 'ok', otherPatient: 409, admin: 409 },
      'verify-call': { doctorOfVisit: 'ok', otherDoctor: 409, patientOfVisit: 403, otherPatient: 409, admin: 409 },
      // Nobody waits in the lobby and the id is no guest: the doctor passes the checks and hears so (404).
      'admit-guest': { doctorOfVisit: 404, otherDoctor: 409, patientOfVisit: 403, otherPatient: 409, admin: 409 },
      'decline-guest': { doctorOfVisit: 404, otherDoctor: 409, patientOfVisit: 403, otherPatient: 409, admin: 409 },
      'remove-participant': { doctorOfVisit: 404, otherDoctor: 409, patientOfVisit: 403, otherPatient: 409, admin: 409 },
      'end-session': { doctorOfVisit: 'ok', otherDoctor: 409, patientOfVisit: 403, otherPatient: 409, admin: 409 },
      'leave-room': { doctorOfVisit: 'ok', otherDoctor: 'ok', patientOfVisit: 'ok', otherPatient: 'ok', admin: 'ok' },
      // Sent first, before anyone waits: the visit's doctor passes the check and hears that nobody waits (409); everyone else is refused.
      'waiting-message': { doctorOfVisit: 409, otherDoctor: 403, patientOfVisit: 403, otherPatient: 403, admin: 403 },
    };
    // The other party of the visit: whom a call-stats sample or a verification is about.
    const otherParty = (actor: string) => (actor === 'doctorOfVisit' ? users.patientOfVisit.id : users.doctorOfVisit.id);
    const payloads: Record<(typeof CLIENT_EVENTS)[number], (roomId: string, actor: string) => unknown> = {
      'join-room': (roomId) => ({ roomId }),
      offer: () => ({ sdp: 'v=0' }),
      answer: () => ({ sdp: 'v=0' }),
      'ice-candidate': () => ({ candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0' } }),
      'chat-message': () => ({ body: 'hello' }),
      'chat-history': () => ({}),
      'media-state': () => ({ audio: true, video: false }),
      'call-stats': (_roomId, actor) => ({ peerId: otherParty(actor), path: 'direct', rttMs: 40, lossPct: 0.5, reconnects: 0 }),
      'verify-call': (_roomId, actor) => ({ peerId: otherParty(actor), code: '123 456' }),
      'admit-guest': () => ({ guestId: randomUUID() }),
      'decline-guest': () => ({ guestId: randomUUID() }),
      'remove-participant': () => ({ userId: randomUUID() }),
      'end-session': () => ({}),
      'leave-room': () => ({}),
      'waiting-message': (roomId) => ({ roomId, text: 'Running about 10 minutes late' }),
    };
    // Order matters only for the first and the last two: the waiting room is empty before the joins; the patient is refused
    // ending, the doctor ends, then everyone leaves.
    const order = [
      'waiting-message',
      'join-room',
      'offer',
      'answer',
      'ice-candidate',
      'chat-message',
      'chat-history',
      'media-state',
      'call-stats',
      'verify-call',
      'admit-guest',
      'decline-guest',
      'remove-participant',
      'end-session',
      'leave-room',
    ] as const;
    expect(new Set(order)).toEqual(new Set(CLIENT_EVENTS));

    const { appointmentId } = await visit({ startsInMinutes: 0 });
    const room = await sut.prisma.room.findUniqueOrThrow({ where: { appointmentId } });
    // The doctor of the visit acts last, so every other caller tries end-session before it succeeds.
    const people = ['patientOfVisit', 'otherDoctor', 'otherPatient', 'admin', 'doctorOfVisit'] as const;
    const sockets = Object.fromEntries(
      await Promise.all(
        people.map(async (actor) => [
          actor,
          await connectSignaling(sut.url, await freshTokenOf(actor), { doctor: actor.endsWith('Doctor') || actor === 'doctorOfVisit' }),
        ]),
      ),
    ) as Record<(typeof people)[number], ClientSocket>;
    const failures: string[] = [];
    try {
      for (const event of order) {
        for (const actor of people) {
          const ack = await request<Record<string, unknown>>(sockets[actor], event, payloads[event](room.id, actor));
          const got = ack.ok ? 'ok' : ack.code;
          if (got !== expectations[event][actor]) failures.push(`${event} as ${actor}: ${got}, expected ${expectations[event][actor]}`);
        }
      }
    } finally {
      for (const socket of Object.values(sockets)) socket.close();
    }
    expect(failures).toEqual([]);
    await expect(connectSignaling(sut.url, undefined, { reconnection: false })).rejects.toThrow(/access token/);
    await expect(connectSignaling(sut.url, expiredToken, { reconnection: false })).rejects.toThrow(/access token/);
    await expect(connectSignaling(sut.url, users.deactivatedStaff.token, { reconnection: false })).rejects.toThrow(/access token/);
  });

  it('puts a guest of the visit in its lobby, refuses a guest of another visit, and does not let a removed guest connect', async () => {
    // A doctor of its own, so that this open visit overlaps none of the matrix's.
    const own = await visit({ startsInMinutes: 0, doctorId: (await signedInUser(sut, 'DOCTOR')).id });
    const room = await sut.prisma.room.findUniqueOrThrow({ where: { appointmentId: own.appointmentId } });
    const [ownToken, otherToken, removedToken] = await Promise.all([
      guestToken(own),
      guestToken(standingVisit),
      guestToken(standingVisit, { removed: true }),
    ]);
    const [ownSocket, otherSocket] = await Promise.all([connectSignaling(sut.url, ownToken), connectSignaling(sut.url, otherToken)]);
    try {
      expect(await request<Record<string, unknown>>(ownSocket, 'join-room', { roomId: room.id })).toMatchObject({
        ok: true,
        admitted: false,
      });
      expect(await request<Record<string, unknown>>(ownSocket, 'admit-guest', { guestId: randomUUID() })).toMatchObject({
        ok: false,
        code: 409,
      });
      const refused = await request<Record<string, unknown>>(otherSocket, 'join-room', { roomId: room.id });
      expect(refused).toMatchObject({ ok: false, code: 403 });
      // Waiting in the lobby, or refused at the door: not in the call, so neither reports nor verifies it.
      for (const socket of [ownSocket, otherSocket]) {
        const peer = { peerId: users.doctorOfVisit.id };
        expect(await request(socket, 'call-stats', { ...peer, path: 'direct', reconnects: 0 })).toMatchObject({ ok: false, code: 409 });
        expect(await request(socket, 'verify-call', { ...peer, code: '123 456' })).toMatchObject({ ok: false, code: 409 });
      }
    } finally {
      ownSocket.close();
      otherSocket.close();
    }
    await expect(connectSignaling(sut.url, removedToken, { reconnection: false })).rejects.toThrow(/access token/);
  });

  it('lets an admitted guest report their connection but not verify the call', async () => {
    const ownDoctor = await signedInUser(sut, 'DOCTOR');
    const own = await visit({ startsInMinutes: 0, doctorId: ownDoctor.id });
    const room = await sut.prisma.room.findUniqueOrThrow({ where: { appointmentId: own.appointmentId } });
    const guestSocket = await connectSignaling(sut.url, await guestToken(own));
    const doctorSocket = await connectSignaling(sut.url, ownDoctor.token, { doctor: true });
    try {
      expect(await request(doctorSocket, 'join-room', { roomId: room.id })).toMatchObject({ ok: true });
      const waiting = await request<{ self: { userId: string } }>(guestSocket, 'join-room', { roomId: room.id });
      expect(waiting).toMatchObject({ ok: true, admitted: false });
      const guestId = (waiting as { self: { userId: string } }).self.userId;
      expect(await request(doctorSocket, 'admit-guest', { guestId })).toEqual({ ok: true });
      expect(await request(guestSocket, 'join-room', { roomId: room.id })).toMatchObject({ ok: true, admitted: true });
      const peer = { peerId: ownDoctor.id };
      expect(await request(guestSocket, 'call-stats', { ...peer, path: 'relayed', rttMs: 80, reconnects: 0 })).toEqual({ ok: true });
      expect(await request(guestSocket, 'verify-call', { ...peer, code: '123 456' })).toMatchObject({
        ok: false,
        code: 403,
        reason: 'forbidden',
      });
    } finally {
      guestSocket.close();
      doctorSocket.close();
    }
  });

  it("lets a visit-link session into its own visit's room and no other", async () => {
    // Another doctor's visit, open now: the matrix's other visits of this doctor and patient do not overlap it.
    const own = await visit({ startsInMinutes: 0, doctorId: users.otherDoctor.id });
    const room = await sut.prisma.room.findUniqueOrThrow({ where: { appointmentId: own.appointmentId } });
    const [ownLink, otherLink] = await Promise.all([visitLinkToken(own), visitLinkToken(standingVisit)]);
    const [ownSocket, otherSocket] = await Promise.all([connectSignaling(sut.url, ownLink), connectSignaling(sut.url, otherLink)]);
    try {
      const refused = await request<Record<string, unknown>>(otherSocket, 'join-room', { roomId: room.id });
      expect(refused).toMatchObject({ ok: false, code: 403 });
      const joined = await request<Record<string, unknown>>(ownSocket, 'join-room', { roomId: room.id });
      expect(joined).toMatchObject({ ok: true });
    } finally {
      ownSocket.close();
      otherSocket.close();
    }
  });
});
