import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { Client } from 'pg';
import { screenshots } from './support/browser';
import { hydrated, signIn, trackPage } from './support/journey';
import { Account, api, createAccount, PASSWORD } from './support/stack';
import { describeWithBrowser, twoBrowsers } from './support/two-browsers';

const REASON = 'Recurring migraines with aura';
const CHAT_LINE = 'The headaches come every second morning.';
const NOTES = 'Migraine with aura: start a headache diary; triptan as needed.';

/** Desktop and phone pictures of each admin page, only when asked for (SHOTS): they cost time on a busy machine. */
async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.SHOTS?.startsWith('/') ? process.env.SHOTS : '/tmp/shots17';
  if (process.env.SHOTS) await screenshots(page, `admin-${name}`, dir);
}

/**
 * A visit that happened, as the product records it: booked by the doctor, the patient waited and
 * wrote in the chat, both were in the call (the room's rows, straight in the database: the call
 * itself is the in-call journeys'), the doctor ended it from its record and wrote notes.
 */
async function finishedVisit(apiUrl: string, doctor: Account, patient: Account): Promise<string> {
  const { accessToken: token } = await api<{ accessToken: string }>(apiUrl, '/auth/login', {
    method: 'POST',
    body: { email: doctor.email, password: PASSWORD },
  });
  const startsAt = new Date(Date.now() + 2 * 60_000);
  startsAt.setSeconds(0, 0);
  const booked = await api<{ sessionId: string }>(apiUrl, '/appointments', {
    method: 'POST',
    token,
    body: { patientId: patient.id, startsAt: startsAt.toISOString(), durationMinutes: 30, reason: REASON },
  });
  const db = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await db.connect();
  try {
    const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000);
    await db.query(`UPDATE sessions SET status = 'ACTIVE', started_at = $2 WHERE id = $1`, [booked.sessionId, at(300)]);
    for (const [type, userId, secondsAgo] of [
      ['JOINED', patient.id, 420],
      ['WAITING', patient.id, 420],
      ['JOINED', doctor.id, 300],
      ['PEER_JOINED', doctor.id, 300],
    ] as const) {
      await db.query(`INSERT INTO session_events (id, session_id, user_id, type, occurred_at) VALUES ($1, $2, $3, $4, $5)`, [
        randomUUID(),
        booked.sessionId,
        userId,
        type,
        at(secondsAgo),
      ]);
    }
    await db.query(`INSERT INTO chat_messages (id, session_id, sender_id, body, sent_at) VALUES ($1, $2, $3, $4, $5)`, [
      randomUUID(),
      booked.sessionId,
      patient.id,
      CHAT_LINE,
      at(200),
    ]);
  } finally {
    await db.end();
  }
  await api(apiUrl, `/sessions/${booked.sessionId}/end`, { method: 'POST', token });
  await api(apiUrl, `/sessions/${booked.sessionId}/notes`, { method: 'PUT', token, body: { body: NOTES, baseVersion: 0 } });
  return booked.sessionId;
}

describeWithBrowser("the clinic's admin: the visits of the clinic and the audit log in words", () => {
  const journey = twoBrowsers();

  it('opens the clinic’s visits, a finished visit without its notes or chat, and that visit again from the audit log', async () => {
    const suffix = randomUUID().slice(0, 4);
    const doctor = await createAccount('DOCTOR', `Dr. Ana Ruiz ${suffix}`);
    const patient = await createAccount('PATIENT', `Sam Lee ${suffix}`, 'Europe/London');
    const admin = await createAccount('ADMIN', 'Nina Park');
    const sessionId = await finishedVisit(journey.stack.apiUrl, doctor, patient);

    const { page } = await journey.person(journey.doctorBrowser);
    trackPage(page, 'admin');
    await signIn(page, admin.email);
    await page.waitForURL(/\/admin$/);

    // The header's Visits: every visit of the clinic, by phase, dates, doctor and status.
    await page.getByTestId('header-visits').click();
    await page.waitForURL(/\/admin\/visits$/);
    await hydrated(page, 'clinic-visits-doctor');
    expect(await page.getByTestId('header-visits').getAttribute('aria-current')).toBe('page');
    await page.getByTestId('clinic-visits-phase-past').click();
    await page.getByTestId('clinic-visits-doctor').selectOption(doctor.id);
    const row = page.locator(`[data-testid=clinic-visit-row][data-session-id="${sessionId}"]`);
    await row.waitFor();
    // The row is also in the unfiltered list the choice replaces: wait for the doctor's list itself.
    await page
      .waitForFunction(() => document.querySelectorAll('[data-testid=clinic-visit-row]').length === 1, undefined, { timeout: 10_000 })
      .catch(() => undefined);
    expect(await page.getByTestId('clinic-visit-row').count()).toBe(1);
    expect(await row.getByTestId('clinic-visit-people').textContent()).toBe(`${doctor.name} with ${patient.name}`);
    expect(await row.getByTestId('visit-status').getAttribute('data-outcome')).toBe('COMPLETED');
    expect(await page.locator('main').textContent()).not.toContain(REASON);
    // The filters stay in the address, so Back from a visit returns to them.
    expect(page.url()).toContain(`doctorId=${doctor.id}`);
    await shot(page, '60-clinic-visits');

    // The finished visit: who, when, the timeline and the call; no reason, notes, chat or report.
    await row.getByTestId('clinic-visit-link').click();
    await page.waitForURL(new RegExp(`/admin/visits/${sessionId}$`));
    await page.getByTestId('clinic-visit').waitFor();
    expect(await page.getByTestId('clinic-visit-doctor').textContent()).toBe(doctor.name);
    expect(await page.getByTestId('clinic-visit-patient').textContent()).toBe(patient.name);
    expect(await page.getByTestId('visit-status').getAttribute('data-outcome')).toBe('COMPLETED');
    await page
      .getByTestId('timeline-entry')
      .filter({ hasText: `${doctor.name} ended the visit` })
      .waitFor();
    await page.getByTestId('clinic-visit-call').waitFor();
    const shown = (await page.locator('main').textContent()) ?? '';
    for (const clinical of [REASON, CHAT_LINE, NOTES]) expect(shown).not.toContain(clinical);
    for (const testId of ['download-report', 'notes-input', 'transcript-message', 'summary-reason']) {
      expect(await page.getByTestId(testId).count()).toBe(0);
    }
    await shot(page, '61-clinic-visit');

    // The audit log reads as sentences with names; the visit a sentence names opens the admin's page of it.
    await page.getByTestId('header-overview').click();
    await page.waitForURL(/\/admin$/);
    const ended = page.locator('[data-testid=audit-entry][data-action="session.end"]').filter({ hasText: doctor.name });
    await ended.waitFor();
    expect(await ended.getByTestId('audit-entry-text').textContent()).toMatch(
      new RegExp(`^${doctor.name.replace(/\./g, '\\.')} \\(doctor\\) ended the visit with ${patient.name} on `),
    );
    const opened = page.locator('[data-testid=audit-entry][data-action="clinic-visit.read"]').filter({ hasText: patient.name }).first();
    expect(await opened.getByTestId('audit-entry-text').textContent()).toContain(
      `Nina Park (admin) looked at the visit of ${patient.name} with ${doctor.name}`,
    );
    // No entry names a record by a bare id any more.
    expect(await page.getByTestId('audit-log').textContent()).not.toMatch(/session [0-9a-f]{8}/);
    await shot(page, '62-audit-log-in-words');
    await ended.getByTestId('audit-entry-link').click();
    await page.waitForURL(new RegExp(`/admin/visits/${sessionId}$`));
    await page.getByTestId('clinic-visit').waitFor();

    // The history pages are a party's: an admin who opens one lands on the clinic's view of the visit.
    await page.goto(`/history/${sessionId}`);
    await page.waitForURL(new RegExp(`/admin/visits/${sessionId}$`));
    await page.getByTestId('clinic-visit').waitFor();
  }, 120_000);
});
