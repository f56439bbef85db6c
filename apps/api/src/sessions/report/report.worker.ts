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
