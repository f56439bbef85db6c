import { simpleParser } from 'mailparser';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeMessage, type OutboxMessageInput } from '../src/mail/mail-message';
import { OutboxService } from '../src/mail/outbox.service';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { startTestApp, type TestApp } from './test-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function message(subject: string, extra: Partial<OutboxMessageInput> = {}): OutboxMessageInput {
  const body = composeMessage({
    greeting: 'Hello Sam,',
    paragraphs: [`About: ${subject}`],
    link: { label: 'Join', url: 'https://clinic.test/j/abc' },
  });
  return { kind: 'booking-confirmation', to: `patient-${randomUUID()}@test.example`, subject, ...body, ...extra };
}

function enqueue(testApp: TestApp, input: OutboxMessageInput): Promise<string | null> {
  return testApp.prisma.$transaction((tx) => testApp.app.get(OutboxService).enqueue(tx, input));
}

/** A sending API app on the run's database, fast settings so retries happen within seconds. */
function sendingApp(overrides: Record<string, string>): Promise<TestApp> {
  return startTestApp({ OUTBOX_WORKER: 'true', OUTBOX_POLL_MS: '100', ...overrides });
}

describe('the email outbox', () => {
  let smtp: TestSmtpServer;

  beforeEach(async () => {
    smtp = await startSmtpServer();
  });

  afterEach(async () => {
    await smtp.close();
  });

  it('delivers a message committed with its transaction once, with text, HTML and attachment; a rollback sends nothing', async () => {
    const sut = await sendingApp({ SMTP_URL: smtp.url, MAIL_FROM: 'Clinic <no-reply@clinic.test>' });
    try {
      const tag = randomUUID();
      await expect(
        sut.prisma.$transaction(async (tx) => {
          await sut.app.get(OutboxService).enqueue(tx, message(`rolled back ${tag}`));
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n';
      const input = message(`committed ${tag}`, {
        dedupeKey: `test:${tag}`,
        attachments: [{ filename: 'visit.ics', contentType: 'text/calendar; method=REQUEST', content: ics }],
      });
      const id = await enqueue(sut, input);
      expect(id).toEqual(expect.any(String));
      expect(await enqueue(sut, message(`duplicate ${tag}`, { dedupeKey: `test:${tag}` }))).toBeNull();

      const [mail] = await smtp.waitFor(1, tag);
      await sleep(500);
      expect(smtp.about(tag)).toHaveLength(1);
      expect(mail!.subject).toBe(`committed ${tag}`);
      expect(mail!.to).toMatchObject({ text: input.to });
      expect(mail!.from?.text).toContain('no-reply@clinic.test');
      expect(mail!.messageId).toBe(`<${id}@clinic.test>`);
      expect(mail!.text).toContain(`About: committed ${tag}`);
      expect(mail!.html).toContain('<a href="https://clinic.test/j/abc">Join</a>');
      expect(mail!.attachments).toHaveLength(1);
      expect(mail!.attachments[0]).toMatchObject({ filename: 'visit.ics', contentType: 'text/calendar' });
      expect(mail!.attachments[0]!.content.toString('utf8')).toBe(ics);

      const row = await sut.prisma.outboxMessage.findUniqueOrThrow({ where: { id: id! } });
      expect(row).toMatchObject({ status: 'SENT', attempts: 1, lastError: null });
      expect(row.smtpResponse).toMatch(/^250 /);
      expect(await sut.prisma.outboxMessage.count({ where: { subject: { contains: tag, not: `committed ${tag}` } } })).toBe(0);
    } finally {
      await sut.close();
    }
  });

  it('sends 30 messages exactly once after SMTP refused for a while, with two API processes sending', async () => {
    const settings = { SMTP_URL: smtp.url, OUTBOX_RETRY_BASE_MS: '200', OUTBOX_RETRY_MAX_MS: '800', OUTBOX_MAX_ATTEMPTS: '100' };
    smtp.refuse(451);
    const apps = [await sendingApp(settings), await sendingApp(settings)];
    try {
      const tag = randomUUID();
      const subjects = Array.from({ length: 30 }, (_, index) => `message ${index} ${tag}`);
      await Promise.all(subjects.map((subject, index) => enqueue(apps[index % 2]!, message(subject))));
      // Refused until every message was tried at least three times (several seconds at these settings).
      for (const deadline = Date.now() + 30_000; smtp.refusals < 90 && Date.now() < deadline;) await sleep(100);
      expect(smtp.refusals).toBeGreaterThanOrEqual(90);
      expect(smtp.about(tag)).toHaveLength(0);

      smtp.accept();
      await smtp.waitFor(30, tag);
      await sleep(1500);
      expect(
        smtp
          .about(tag)
          .map((mail) => mail.subject)
          .sort(),
      ).toEqual([...subjects].sort());
      expect(new Set(smtp.about(tag).map((mail) => mail.messageId)).size).toBe(30);

      const rows = await apps[0]!.prisma.outboxMessage.findMany({ where: { subject: { endsWith: tag } } });
      expect(rows).toHaveLength(30);
      for (const row of rows) {
        expect(row.status).toBe('SENT');
        expect(row.attempts).toBeGreaterThan(2);
        expect(row.lastError).toMatch(/^451 /);
        expect(row.smtpResponse).toMatch(/^250 /);
      }
      expect(new Set(rows.map((row) => row.claimedBy)).size).toBe(2);
    } finally {
      await Promise.all(apps.map((app) => app.close()));
    }
  }, 60_000);

  it('writes each message as an .eml file under DATA_DIR/outbox without SMTP_URL', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-'));
    const sut = await sendingApp({ DATA_DIR: dataDir });
    try {
      const tag = randomUUID();
      const id = await enqueue(sut, message(`to a file ${tag}`));
      const file = path.join(dataDir, 'outbox', `${id}.eml`);
      for (let waited = 0; !fs.existsSync(file) && waited < 10_000; waited += 100) await sleep(100);
      await sleep(100);

      const mail = await simpleParser(fs.readFileSync(file));
      expect(mail.subject).toBe(`to a file ${tag}`);
      expect(mail.text).toContain(`About: to a file ${tag}`);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const row = await sut.prisma.outboxMessage.findUniqueOrThrow({ where: { id: id! } });
      expect(row).toMatchObject({ status: 'SENT', smtpResponse: `written to ${file}` });
      expect(smtp.about(tag)).toHaveLength(0);
    } finally {
      await sut.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
