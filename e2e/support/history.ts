import { spawn } from 'node:child_process';
import fs from 'node:fs';
import type { Page } from 'playwright-core';

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

/** Waits until the notes editor reports `text` (e.g. "Saved · version 2"). */
export async function notesStatus(page: Page, text: string): Promise<void> {
  await page.getByTestId('notes-status').filter({ hasText: text }).waitFor();
}
