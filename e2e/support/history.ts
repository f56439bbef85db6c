import fs from 'node:fs';
import type { Page } from 'playwright-core';

// The same extraction the API's report specs use (a child process: pdf.js cannot load under jest).
import { pdfText } from '../../apps/api/test/pdf-text';

/** Clicks the record's Download report (PDF) link and returns the saved file, its name and its text (whitespace folded). */
export async function downloadReport(page: Page): Promise<{ fileName: string; bytes: Buffer; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-report').click()]);
  const file = await download.path();
  if (!file) throw new Error(`the download failed: ${await download.failure()}`);
  const bytes = fs.readFileSync(file);
  const { text } = await pdfText(bytes);
  return { fileName: download.suggestedFilename(), bytes, text: text.replace(/\s+/g, ' ') };
}

/** Waits until the notes editor reports `text` (e.g. "Saved · version 2"). */
export async function notesStatus(page: Page, text: string): Promise<void> {
  await page.getByTestId('notes-status').filter({ hasText: text }).waitFor();
}
