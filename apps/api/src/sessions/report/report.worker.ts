import { execFile } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { Pool } from 'pg';
import { reportFonts } from './fonts';
import { assembleReportData, ReportRequest } from './report-assembly';
import { reportFileName } from './report-data';
import { ReportInputs, ReportRepository } from './report.repository';
import { renderSessionReportBytes } from './session-report';

/** One report to make; `inputs` when the API read the visit itself (see ReportWorkerData). */
export interface RenderRequest {
  id: number;
  request: ReportRequest;
  inputs?: ReportInputs;
}

/** The PDF bytes come back transferred, not copied; `notFound` when there is no such visit. */
export type RenderReply =
  | { id: number; ok: true; bytes: Uint8Array; fileName: string }
  | { id: number; ok: false; notFound: true }
  | { id: number; ok: false; notFound?: undefined; message: string; code?: string };

/** What every worker thread is started with. */
export interface ReportWorkerData {
  /**
   * The database server the workers read visits from, each on a connection of its own. Absent with
   * the embedded database, whose one backend serves every connection (statements of two connections
   * would interleave): the API reads the visit on its own connection and sends the rows.
   */
  databaseUrl?: string;
}

/**
 * The visit read, its report laid out, its PDF made, all in this thread: a long visit's rows, the
 * objects made of them and their collection never cost the API's event loop anything.
 */
async function makeReport(reports: ReportRepository | null, { id, request, inputs: sent }: RenderRequest): Promise<RenderReply> {
  const inputs = sent ?? (await reports?.inputs(request.sessionId, request.withNotes));
  if (!inputs) return { id, ok: false, notFound: true };
  const data = assembleReportData(inputs, request, new Date());
  return { id, ok: true, bytes: await renderSessionReportBytes(data), fileName: reportFileName(data) };
}

// The entry of a report worker thread (see ReportRenderPool): a request in, PDF bytes out, nothing else.
if (parentPort) {
  const port = parentPort;
  const { databaseUrl } = workerData as ReportWorkerData;
  const reports = databaseUrl ? new ReportRepository(reportDatabase(databaseUrl)) : null;
  // A report may wait; a call's signaling and the health check may not. On a core shared with the API's
  // loop this thread (and only it: on Linux a thread's priority is its own) yields the core whenever the
  // loop has work. Raising the nice value needs no privilege.
  try {
    setPriority(19);
  } catch {
    // Not allowed here: render at the ordinary priority.
  }
  runWhenIdleOnly();
  reportFonts(); // read the font files before the first request needs them
  port.on('message', (request: RenderRequest) => {
    makeReport(reports, request).then(
      (reply) => port.postMessage(reply, reply.ok ? [reply.bytes.buffer as ArrayBuffer] : []),
      (error: unknown) =>
        port.postMessage({
          id: request.id,
          ok: false,
          message: error instanceof Error ? error.message : String(error),
          // The database's or the system's code (ECONNREFUSED, 57P01…): the API answers 503 for a database it cannot reach.
          code: errorCode(error),
        } satisfies RenderReply),
    );
  });
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** One connection, enough for one report at a time; it closes when no report came for a while. */
function reportDatabase(url: string): Pool {
  const pool = new Pool({ connectionString: url, max: 1, idleTimeoutMillis: 10_000 });
  // A connection the server drops (a restart) must not end the thread; the next report reconnects.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Linux's SCHED_IDLE for this thread (util-linux's `chrt`; no privilege needed to lower one's own
 * policy). A nice value of 19 still lets the thread finish its time slice when the loop wakes (the
 * kernel's scheduler runs a task to its slice's end before a waking one of higher weight), which a
 * call's relay felt as a few milliseconds per message while reports rendered; a SCHED_IDLE thread is
 * preempted at once by any other that wakes. Where `chrt` or /proc is missing, the nice value stays.
 */
function runWhenIdleOnly(): void {
  let threadId: string | undefined;
  try {
    threadId = readlinkSync('/proc/thread-self').split('/').pop();
  } catch {
    return;
  }
  if (threadId) execFile('chrt', ['--idle', '--pid', '0', threadId], () => undefined);
}
