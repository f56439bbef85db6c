import { Injectable } from '@nestjs/common';
import type { ClinicVisitDetail, ClinicVisitPage, ClinicVisitsQuery } from '@telehealth/contracts';
import { SESSION_NOT_FOUND } from '../access/access-policy';
import { AccessService } from '../access/access.service';
import { ApiError } from '../common/api-error';
import type { RequestContext } from '../common/request-context';
import { isUuid } from '../common/uuid';
import { callFacts } from '../sessions/call-facts';
import { toTimelineEntries } from '../sessions/session.mapper';
import { SessionsRepository } from '../sessions/sessions.repository';
import { toClinicVisit, toClinicVisitDetail } from './clinic-visit.mapper';
import { ClinicVisitsRepository } from './clinic-visits.repository';

/**
 * The clinic's visits for its admins: who, when, what became of them and how the call went; never
 * the reason, the notes or the chat (access/access-policy.ts, `clinic-visits.read`).
 */
@Injectable()
export class ClinicVisitsService {
  constructor(
    private readonly visits: ClinicVisitsRepository,
    private readonly sessions: SessionsRepository,
    private readonly access: AccessService,
  ) {}

  async list(ctx: RequestContext, query: ClinicVisitsQuery): Promise<ClinicVisitPage> {
    this.access.require(ctx, 'clinic-visits.read');
    const now = new Date();
    const { total, rows } = await this.visits.page(query, now);
    return { items: rows.map((row) => toClinicVisit(row, now)), page: query.page, pageSize: query.pageSize, total };
  }

  async get(ctx: RequestContext, sessionId: string): Promise<ClinicVisitDetail> {
    this.access.require(ctx, 'clinic-visits.read');
    if (!isUuid(sessionId)) throw ApiError.notFound(SESSION_NOT_FOUND);
    const [row, participants, samples] = await Promise.all([
      this.visits.detail(sessionId),
      this.sessions.participants(sessionId),
      this.sessions.callStatsSamples(sessionId),
    ]);
    if (!row) throw ApiError.notFound(SESSION_NOT_FOUND);
    const now = new Date();
    const call = callFacts({
      events: toTimelineEntries(row.events).map((entry) => ({ ...entry, at: new Date(entry.at) })),
      samples,
      startedAt: row.startedAt,
      endedAt: row.endedAt,
      now,
      people: participants,
    });
    return toClinicVisitDetail(row, participants, call, now);
  }
}
