import { Injectable } from '@nestjs/common';
import { ListSessionsQuery, SessionDetailResponse, SessionPage } from '@telehealth/contracts';
import { listScope, SESSION_NOT_FOUND } from '../access/access-policy';
import { AccessService } from '../access/access.service';
import { ApiError } from '../common/api-error';
import type { RequestContext } from '../common/request-context';
import { callFacts } from './call-facts';
import { toSessionDetailResponse, toSessionResponse, toTimelineEntries } from './session.mapper';
import { SessionsRepository } from './sessions.repository';

export { SESSION_NOT_FOUND } from '../access/access-policy';

/** The visit history and a visit's record. Who may see which: access/access-policy.ts. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly access: AccessService,
  ) {}

  async list(ctx: RequestContext, query: ListSessionsQuery): Promise<SessionPage> {
    this.access.require(ctx, 'visit.read');
    const { total, rows } = await this.sessions.history(listScope(ctx.user), query, new Date());
    return { items: rows.map((row) => toSessionResponse(row, ctx.user)), page: query.page, pageSize: query.pageSize, total };
  }

  async get(ctx: RequestContext, id: string): Promise<SessionDetailResponse> {
    const visit = await this.access.requireVisit(ctx, 'visit.read', id);
    const [row, participants, samples] = await Promise.all([
      this.sessions.detail(id, visit.as === 'DOCTOR'),
      this.sessions.participants(id),
      this.sessions.callStatsSamples(id),
    ]);
    if (!row) throw ApiError.notFound(SESSION_NOT_FOUND);
    const call = callFacts({
      events: toTimelineEntries(row.events).map((entry) => ({ ...entry, at: new Date(entry.at) })),
      samples,
      startedAt: row.startedAt,
      endedAt: row.endedAt,
      now: new Date(),
      people: participants,
    });
    return toSessionDetailResponse(row, participants, call, ctx.user);
  }
}
