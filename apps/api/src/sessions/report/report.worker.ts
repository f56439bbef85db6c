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
