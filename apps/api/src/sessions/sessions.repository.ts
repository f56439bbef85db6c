import { Injectable } from '@nestjs/common';
import type { ListSessionsQuery } from '@telehealth/contracts';
import type { ListScope } from '../access/access-policy';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import type { CallEvent } from './call-event';
import { readCallEvents, readCallStatsSamples, readParticipants } from './call-record.reads';
import type { CallStatsSample } from './connection-facts';
import { NoteRow, ParticipantRow, SESSION_INCLUDE, sessionDetailInclude, SessionDetailRow, SessionRow } from './session.mapper';

const AUTHOR = { author: { select: { name: true } } } as const;

/** The visits a history list shows: the caller's own, as doctor or patient; an admin's, the clinic's. */
function inScope(scope: ListScope): Prisma.SessionWhereInput {
  if (scope.party === 'any') return {};
  if (scope.party === 'none') return { id: { in: [] } };
  return { appointment: scope.party === 'doctor' ? { doctorId: scope.userId } : { patientId: scope.userId } };
}

/**
 * A visit belongs in the history once it ended, its appointment is over, or it was completed or missed;
 * a cancelled one once its scheduled start has passed (until then it stays among the upcoming visits,
 * marked cancelled, as the appointment list's `upcoming` scope has it).
 */
function inHistory(now: Date): Prisma.SessionWhereInput {
  return {
    OR: [
      { status: 'ENDED' },
      { appointment: { status: { in: ['COMPLETED', 'NO_SHOW'] } } },
      { appointment: { status: 'CANCELLED', startsAt: { lte: now } } },
      { appointment: { endsAt: { lte: now } } },
    ],
  };
}

/** Sessions (the visit as it happened) with their timeline, chat and the doctor's versioned notes. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async history(scope: ListScope, query: ListSessionsQuery, now: Date): Promise<{ total: number; rows: SessionRow[] }> {
    const filters: Prisma.SessionWhereInput[] = [inScope(scope), inHistory(now)];
    if (query.from || query.to) {
      filters.push({
        appointment: { startsAt: { gte: query.from ? new Date(query.from) : undefined, lt: query.to ? new Date(query.to) : undefined } },
      });
    }
    if (query.withUserId) {
      filters.push({ appointment: { OR: [{ doctorId: query.withUserId }, { patientId: query.withUserId }] } });
    }
    const where: Prisma.SessionWhereInput = { AND: filters };
    const [total, rows] = await this.prisma.$transaction([
      this.prisma.session.count({ where }),
      this.prisma.session.findMany({
        where,
        include: SESSION_INCLUDE,
        orderBy: [{ appointment: { startsAt: 'desc' } }, { id: 'asc' }],
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      }),
    ]);
    return { total, rows };
  }

  /** The whole visit; the latest notes only when `withNotes` (its doctor). */
  detail(id: string, withNotes: boolean): Promise<SessionDetailRow | null> {
    return this.prisma.session.findUnique({ where: { id }, include: sessionDetailInclude(withNotes) });
  }

  participants(sessionId: string): Promise<ParticipantRow[]> {
    return readParticipants(this.prisma.sql, sessionId);
  }

  callStatsSamples(sessionId: string): Promise<CallStatsSample[]> {
    return readCallStatsSamples(this.prisma.sql, sessionId);
  }

  callEvents(sessionId: string): Promise<CallEvent[]> {
    return readCallEvents(this.prisma.sql, sessionId);
  }

  async status(id: string): Promise<string | undefined> {
    return (await this.prisma.session.findUnique({ where: { id }, select: { status: true } }))?.status;
  }

  /** Every version of the notes, newest first. */
  notes(sessionId: string): Promise<NoteRow[]> {
    return this.prisma.note.findMany({ where: { sessionId }, orderBy: { version: 'desc' }, include: AUTHOR });
  }

  async latestNotesVersion(sessionId: string): Promise<number> {
    const latest = await this.prisma.note.aggregate({ where: { sessionId }, _max: { version: true } });
    return latest._max.version ?? 0;
  }

  /** A new version; the (session, version) unique constraint refuses a second save of the same one. */
  async addNotes(note: { sessionId: string; authorId: string; version: number; body: string }): Promise<void> {
    await this.prisma.note.create({ data: note });
  }
}
