import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import type { AppointmentResponse, AuthResponse, Role } from '@telehealth/contracts';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createApp } from '../src/bootstrap';
import { AppConfig, loadConfig } from '../src/config/app-config';
import { PrismaService } from '../src/prisma/prisma.service';
import { passwordHashOnce } from './password-hash';

export const TEST_PASSWORD = 'correct horse battery';

export interface TestApp {
  app: INestApplication;
  /** http://127.0.0.1:<port> once listening (startTestApp({}, { listen: true })). */
  url: string;
  http: ReturnType<typeof request>;
  prisma: PrismaService;
  config: AppConfig;
  close(): Promise<void>;
}

export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  const databaseUrl = process.env.TEST_DATABASE_URL;
  if (!databaseUrl) throw new Error('TEST_DATABASE_URL is set by the jest global setup');
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: 'integration-tests-secret-that-is-long-enough',
    SEED_DEMO: 'false',
    API_PORT: '0',
    LOG_REQUESTS: 'false',
    // Each app its own Redis keys: counters (sign-in limits by address: every test signs in from
    // 127.0.0.1) and room state must not leak between tests. Apps of one test that share state pass one prefix.
    REDIS_KEY_PREFIX: `telehealth-test:${randomUUID().slice(0, 8)}:`,
    // The run's apps share one database: only a test that reads email runs a sender (OUTBOX_WORKER: 'true').
    OUTBOX_WORKER: 'false',
    ...overrides,
  });
}

/** The real AppModule with the same bootstrap as main.ts, on the run's PostgreSQL database. */
export async function startTestApp(overrides: Record<string, string> = {}, options: { listen?: boolean } = {}): Promise<TestApp> {
  const config = testConfig(overrides);
  const app = await createApp(config, config.DATABASE_URL!, process.env.TEST_LOGS ? ['log', 'warn', 'error'] : false);
  let url = '';
  if (options.listen) {
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  } else {
    await app.init();
  }
  return {
    app,
    url,
    http: request(app.getHttpServer()),
    prisma: app.get(PrismaService),
    config,
    close: () => app.close(),
  };
}

export interface TestUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  token: string;
}

/** A fresh account with a unique email, signed in through the real login route. */
export async function signedInUser(
  testApp: TestApp,
  role: Role,
  name = `${role.toLowerCase()} ${randomUUID().slice(0, 8)}`,
): Promise<TestUser> {
  const email = `${role.toLowerCase()}-${randomUUID()}@test.example`;
  const passwordHash = await passwordHashOnce(TEST_PASSWORD);
  await testApp.prisma.user.create({ data: { email, name, role, passwordHash, timeZone: 'Europe/Berlin' } });
  const response = await testApp.http.post('/api/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
  const body = response.body as AuthResponse;
  return { id: body.user.id, email, name, role, token: body.accessToken };
}

export function bearer(user: { token: string }): { Authorization: string } {
  return { Authorization: `Bearer ${user.token}` };
}

/** An ISO time `minutes` from now, on a whole minute. */
export function minutesFromNow(minutes: number): string {
  const at = new Date(Date.now() + minutes * 60_000);
  at.setSeconds(0, 0);
  return at.toISOString();
}

/** A doctor and a patient, both signed in, and a visit of theirs starting now (booked through the API). */
export async function visitStartingNow(
  testApp: TestApp,
  reason = 'Checkup',
): Promise<{ doctor: TestUser; patient: TestUser; appointment: AppointmentResponse }> {
  const doctor = await signedInUser(testApp, 'DOCTOR');
  const patient = await signedInUser(testApp, 'PATIENT');
  const response = await testApp.http
    .post('/api/appointments')
    .set(bearer(doctor))
    .send({ patientId: patient.id, startsAt: minutesFromNow(0), durationMinutes: 30, reason })
    .expect(201);
  return { doctor, patient, appointment: response.body as AppointmentResponse };
}
