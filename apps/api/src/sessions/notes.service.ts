import { Injectable } from '@nestjs/common';
import { NotesResponse, SaveNotesRequest } from '@telehealth/contracts';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import { isUniqueViolation } from '../prisma/database-errors';
import { PrismaService } from '../prisma/prisma.service';
import { NoteRow, toNotesResponse } from './session.mapper';
import { isUuid } from '../common/uuid';
import { SESSION_NOT_FOUND } from './sessions.service';

const AUTHOR = { author: { select: { name: true } } } as const;

function staleSentence(latest: number): string {
  return `These notes were changed elsewhere (version ${latest}); reload them and merge your changes.`;
}

/**
 * The doctor's private notes on a visit. Every save is a new version; none is overwritten.
 * A save names the version it started from, and the (session, version) unique constraint
 * turns two concurrent saves from the same version into one success and one 409.
 */
@Injectable()
export class NotesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
  ) {}

  async get(doctor: AuthUser, sessionId: string, ip?: string): Promise<NotesResponse> {
    await this.findOwnSession(doctor, sessionId);
    const history = await this.history(sessionId);
    await this.audit.recordRead({ actorId: doctor.id, action: 'notes.read', entityType: 'session', entityId: sessionId, ip });
    return toNotesResponse(sessionId, history);
  }

  async save(doctor: AuthUser, sessionId: string, request: SaveNotesRequest, ip?: string): Promise<NotesResponse> {
    const session = await this.findOwnSession(doctor, sessionId);
    if (session.status !== 'ENDED') {
      throw ApiError.conflict('Notes can be written once the visit has ended; end the visit first.');
    }
    const latest = await this.latestVersion(sessionId);
    if (request.baseVersion !== latest) throw ApiError.conflict(staleSentence(latest));

    const version = request.baseVersion + 1;
    try {
      await this.prisma.note.create({ data: { sessionId, authorId: doctor.id, version, body: request.body } });
    } catch (error) {
      if (isUniqueViolation(error)) throw ApiError.conflict(staleSentence(await this.latestVersion(sessionId)));
      throw error;
    }
    await this.audit.record({
      actorId: doctor.id,
      action: 'notes.update',
      entityType: 'session',
      entityId: sessionId,
      ip,
      detail: { version },
    });
    return toNotesResponse(sessionId, await this.history(sessionId));
  }

  /** Notes are the doctor's alone: the patient and everyone else get 404, as if there were no session. */
  private async findOwnSession(doctor: AuthUser, sessionId: string): Promise<{ status: string }> {
    const session = isUuid(sessionId)
      ? await this.prisma.session.findFirst({ where: { id: sessionId, appointment: { doctorId: doctor.id } }, select: { status: true } })
      : null;
    if (!session) throw ApiError.notFound(SESSION_NOT_FOUND);
    return session;
  }

  private async latestVersion(sessionId: string): Promise<number> {
    const latest = await this.prisma.note.aggregate({ where: { sessionId }, _max: { version: true } });
    return latest._max.version ?? 0;
  }

  private history(sessionId: string): Promise<NoteRow[]> {
    return this.prisma.note.findMany({ where: { sessionId }, orderBy: { version: 'desc' }, include: AUTHOR });
  }
}
