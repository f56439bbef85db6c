import { Injectable } from '@nestjs/common';
import { ListSessionsQuery, SessionDetailResponse, SessionPage } from '@telehealth/contracts';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { ApiError } from '../common/api-error';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import { isUuid } from '../common/uuid';
import { SESSION_INCLUDE, sessionDetailInclude, SessionDetailRow, toSessionDetailResponse, toSessionResponse } from './session.mapper';

export const SESSION_NOT_FOUND = 'No session with this id was found.';

/** Sessions in a user's history list: their own; an admin sees the clinic's. */
function listableBy(user: AuthUser): Prisma.SessionWhereInput {
  if (user.role === 'ADMIN') return {};
  return participantOf(user);
}

/** The doctor or the patient of the visit: the only people who may open it. */
export function participantOf(user: AuthUser): Prisma.SessionWhereInput {
  return { appointment: { OR: [{ doctorId: user.id }, { patientId: user.id }] } };
}

/** A visit belongs in the history once it ended, its appointment is over, or it was cancelled or missed. */
function inHistory(now: Date): Prisma.SessionWhereInput {
  return { OR: [{ status: 'ENDED' }, { appointment: { status: { not: 'SCHEDULED' } } }, { appointment: { endsAt: { lte: now } } }] };
}

@Injectable()
export class SessionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, query: ListSessionsQuery, ip?: string): Promise<SessionPage> {
    const filters: Prisma.SessionWhereInput[] = [listableBy(user), inHistory(new Date())];
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
    // Who saw which visits: the list names the other party, the reason and the times of each.
    await this.audit.recordRead({
      actorId: user.id,
      action: 'session.list',
      entityType: 'session',
      ip,
      detail: { page: query.page, shown: rows.length, total },
    });
    return { items: rows.map((row) => toSessionResponse(row, user)), page: query.page, pageSize: query.pageSize, total };
  }

  async get(user: AuthUser, id: string, ip?: string): Promise<SessionDetailResponse> {
    const row = await this.findForParticipant(user, id);
    await this.audit.recordRead({ actorId: user.id, action: 'session.read', entityType: 'session', entityId: row.id, ip });
    return toSessionDetailResponse(row, user);
  }

  /**
   * The whole visit for its doctor or patient (the doctor also gets the latest notes);
   * anyone else gets 404, so ids of others' visits do not leak.
   */
  async findForParticipant(user: AuthUser, id: string): Promise<SessionDetailRow> {
    const row = isUuid(id)
      ? await this.prisma.session.findFirst({
          where: { id, ...participantOf(user) },
          include: sessionDetailInclude(user.role === 'DOCTOR'),
        })
      : null;
    if (!row) throw ApiError.notFound(SESSION_NOT_FOUND);
    return row;
  }

  /**
   * Like findForParticipant, for the PDF report: only the newest `limits` chat messages and events (in
   * time order) and how many there are in all, so a long visit never loads whole into memory.
   */
  async findForReport(user: AuthUser, id: string, limits: { chatMessages: number; events: number }) {
    const include = sessionDetailInclude(user.role === 'DOCTOR');
    const row = isUuid(id)
      ? await this.prisma.session.findFirst({
          where: { id, ...participantOf(user) },
          include: {
            ...include,
            _count: { select: { notes: true, chatMessages: true, events: true } },
            chatMessages: { ...include.chatMessages, orderBy: { sentAt: 'desc' }, take: limits.chatMessages },
            events: { ...include.events, orderBy: { occurredAt: 'desc' }, take: limits.events },
          },
        })
      : null;
    if (!row) throw ApiError.notFound(SESSION_NOT_FOUND);
    return { ...row, chatMessages: row.chatMessages.reverse(), events: row.events.reverse() };
  }
}
