import { spawn } from 'node:child_process';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { localSlot } from './journey';
import type { Account } from './stack';

// pdf-parse runs pdf.js, whose worker is loaded by a dynamic import that jest's CommonJS
// sandbox refuses; a plain Node child process reads the PDF instead (as apps/api/test/pdf-text.ts).
const EXTRACT = `
import { PDFParse } from 'pdf-parse';
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
const result = await parser.getText();
await parser.destroy();
process.stdout.write(JSON.stringify({ text: result.text, pages: result.total }));
`;

/** The selectable text of a PDF and its page count, as a reader's copy-paste would see it. */
export function pdfText(bytes: Buffer | Uint8Array): Promise<{ text: string; pages: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', EXTRACT], { cwd: __dirname, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`pdf-parse failed (${code}): ${Buffer.concat(err).toString()}`));
      resolve(JSON.parse(Buffer.concat(out).toString()) as { text: string; pages: number });
    });
    child.stdin.end(Buffer.from(bytes));
  });
}

/** Clicks the record's Download report (PDF) link and returns the saved file, its name and its text (whitespace folded). */
export async function downloadReport(page: Page): Promise<{ fileName: string; bytes: Buffer; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-report').click()]);
  const file = await download.path();
  if (!file) throw new Error(`the download failed: ${await download.failure()}`);
  const bytes = fs.readFileSync(file);
  const { text } = await pdfText(bytes);
  return { fileName: download.suggestedFilename(), bytes, text: text.replace(/\s+/g, ' ') };
}

/** The doctor books a visit that starts now, through the dashboard's form (times typed in Europe/Berlin). */
export async function scheduleNow(doctorPage: Page, patient: Account, reason: string): Promise<void> {
  await doctorPage.getByTestId('schedule-patient-search').fill(patient.name.split(' ')[0]);
  await doctorPage.getByTestId('schedule-patient-option').filter({ hasText: patient.name }).first().click();
  const { date, time } = localSlot(new Date(), 'Europe/Berlin');
  await doctorPage.getByTestId('schedule-date').fill(date);
  await doctorPage.getByTestId('schedule-time').fill(time);
  await doctorPage.getByTestId('schedule-duration').selectOption('30');
  await doctorPage.getByTestId('schedule-reason').fill(reason);
  await doctorPage.getByTestId('schedule-submit').click();
  await doctorPage.getByTestId('schedule-success').waitFor();
}

export async function patientJoins(patientPage: Page, reason: string): Promise<void> {
  const visit = patientPage.getByTestId('patient-appointment').filter({ hasText: reason });
  await visit.locator('a[data-testid=join-call]').click();
  await patientPage.getByTestId('device-check').waitFor();
  await patientPage.getByTestId('join-visit').click();
}

export async function doctorJoinsFromWaitingRoom(doctorPage: Page, patient: Account): Promise<void> {
  const entry = doctorPage.getByTestId('waiting-room-entry').filter({ hasText: patient.name });
  await entry.waitFor();
  await entry.getByTestId('waiting-room-join').click();
  await doctorPage.getByTestId('device-check').waitFor();
  await doctorPage.getByTestId('join-visit').click();
}

/** Waits until the notes editor reports `text` (e.g. "Saved · version 2"). */
export async function notesStatus(page: Page, text: string): Promise<void> {
  await page.getByTestId('notes-status').filter({ hasText: text }).waitFor();
}
