import { Injectable } from '@nestjs/common';
import { NotesResponse, SaveNotesRequest } from '@telehealth/contracts';
import { AccessService } from '../access/access.service';
import { ApiError } from '../common/api-error';
import type { RequestContext } from '../common/request-context';
import { isUniqueViolation } from '../prisma/database-errors';
import { toNotesResponse } from './session.mapper';
import { SessionsRepository } from './sessions.repository';

function stale(latest: number): ApiError {
  return ApiError.conflict(`These notes were changed elsewhere (version ${latest}); reload them and merge your changes.`, 'stale_version');
}

/**
 * The doctor's private notes on a visit. Every save is a new version; none is overwritten.
 * A save names the version it started from, and the (session, version) unique constraint
 * turns two concurrent saves from the same version into one success and one 409.
 */
@Injectable()
export class NotesService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly access: AccessService,
  ) {}

  async get(ctx: RequestContext, sessionId: string): Promise<NotesResponse> {
    await this.access.requireVisit(ctx, 'notes.read', sessionId);
    return toNotesResponse(sessionId, await this.sessions.notes(sessionId));
  }

  async save(ctx: RequestContext, sessionId: string, request: SaveNotesRequest): Promise<NotesResponse> {
    await this.access.requireVisit(ctx, 'notes.write', sessionId);
    const status = await this.sessions.status(sessionId);
    if (status !== 'ENDED') {
      const reason = status === 'ACTIVE' ? 'visit_in_progress' : 'visit_not_started';
      throw ApiError.conflict('Notes can be written once the visit has ended; end the visit first.', reason);
    }
    const latest = await this.sessions.latestNotesVersion(sessionId);
    if (request.baseVersion !== latest) throw stale(latest);
    try {
      await this.sessions.addNotes({ sessionId, authorId: ctx.user.id, version: request.baseVersion + 1, body: request.body });
    } catch (error) {
      if (isUniqueViolation(error)) throw stale(await this.sessions.latestNotesVersion(sessionId));
      throw error;
    }
    return toNotesResponse(sessionId, await this.sessions.notes(sessionId));
  }
}
