import { execFile } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { reportFonts } from './fonts';
import { renderSessionReportBytes, SessionReportData } from './session-report';

/** One report to render: the data is a structured clone (Dates stay Dates). */
export interface RenderRequest {
  id: number;
  data: SessionReportData;
}

/** The PDF bytes come back transferred, not copied. */
export type RenderReply = { id: number; ok: true; bytes: Uint8Array } | { id: number; ok: false; message: string };

// The entry of a report worker thread (see ReportRenderPool): data in, PDF bytes out, nothing else.
if (parentPort) {
  const port = parentPort;
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
    renderSessionReportBytes(request.data).then(
      (bytes) => port.postMessage({ id: request.id, ok: true, bytes } satisfies RenderReply, [bytes.buffer as ArrayBuffer]),
      (error: unknown) =>
        port.postMessage({
          id: request.id,
          ok: false,
          message: error instanceof Error ? error.message : String(error),
        } satisfies RenderReply),
    );
  });
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
