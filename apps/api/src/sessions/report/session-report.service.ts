import { Inject, Injectable, OnModuleDestroy, StreamableFile } from '@nestjs/common';
import { SESSION_NOT_FOUND } from '../../access/access-policy';
import { AccessService } from '../../access/access.service';
import { ApiError } from '../../common/api-error';
import type { RequestContext } from '../../common/request-context';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { PrismaService } from '../../prisma/prisma.service';
import { attachmentDisposition } from './content-disposition';
import type { ReportRequest } from './report-assembly';
import { ReportInputs, ReportRepository } from './report.repository';
import { RenderedReport, ReportNotFoundError, ReportPoolFullError, ReportRenderPool, ReportTimeoutError } from './report-pool';

export const REPORTS_BUSY_SENTENCE = 'Reports are being prepared for other people right now. Please try again in a minute.';
export const REPORT_TOO_SLOW_SENTENCE = 'This report took too long to prepare. Please try again in a minute.';
/** A render still running after this is stopped (its worker thread is replaced). */
export const REPORT_RENDER_TIMEOUT_MS = 60_000;

/**
 * A visit's PDF for its doctor or patient: the access check here, everything else (reading the visit,
 * laying it out, the PDF) in a worker thread (ReportRenderPool), so a long report never stalls the API.
 * With the read on the event loop a 650-line visit cost the loop 11.6-13.6 ms of CPU per report, with
 * the read in the worker 4.9-5.0 ms (bench/reports.mjs, the same quiet machine). When every worker is
 * busy and the queue is full the caller gets 503 with a sentence, at once.
 */
@Injectable()
export class SessionReportService implements OnModuleDestroy {
  private readonly pool: ReportRenderPool;
  /** Set with the embedded database only, which the workers cannot share (ReportWorkerData): reads on the loop. */
  private readonly loopReads: ReportRepository | null;

  constructor(
    private readonly access: AccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    prisma: PrismaService,
  ) {
    // DATABASE_URL names the database server; without it the API runs on the embedded database
    // (database/open-database.ts makes the same choice).
    this.loopReads = config.DATABASE_URL ? null : new ReportRepository(prisma.sql);
    this.pool = new ReportRenderPool({
      workers: config.REPORT_WORKERS,
      queueSize: config.REPORT_QUEUE_SIZE,
      timeoutMs: REPORT_RENDER_TIMEOUT_MS,
      databaseUrl: config.DATABASE_URL,
    });
  }

  /**
   * The visit's PDF for its doctor or patient, in the caller's language (the doctor's copy holds the
   * latest notes); never a guest's (access policy).
   */
  async report(ctx: RequestContext, sessionId: string): Promise<StreamableFile> {
    const visit = await this.access.requireVisit(ctx, 'report.read', sessionId);
    const { id, name, timeZone, language } = ctx.user;
    const request: ReportRequest = {
      sessionId,
      withNotes: visit.as === 'DOCTOR',
      viewer: { id, name, timeZone, language },
      clinicName: this.config.CLINIC_NAME,
    };
    const inputs = this.loopReads ? await this.loopReads.inputs(sessionId, request.withNotes) : undefined;
    if (inputs === null) throw ApiError.notFound(SESSION_NOT_FOUND);
    const { bytes, fileName } = await this.render(request, inputs);
    return new StreamableFile(bytes, { type: 'application/pdf', disposition: attachmentDisposition(fileName), length: bytes.length });
  }

  onModuleDestroy(): Promise<void> {
    return this.pool.close();
  }

  private async render(request: ReportRequest, inputs: ReportInputs | undefined): Promise<RenderedReport> {
    try {
      return await this.pool.render(request, inputs);
    } catch (error) {
      if (error instanceof ReportNotFoundError) throw ApiError.notFound(SESSION_NOT_FOUND);
      if (error instanceof ReportPoolFullError) throw ApiError.unavailable(REPORTS_BUSY_SENTENCE);
      if (error instanceof ReportTimeoutError) throw ApiError.unavailable(REPORT_TOO_SLOW_SENTENCE);
      throw error;
    }
  }
}
