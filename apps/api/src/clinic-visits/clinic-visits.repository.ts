import { Injectable } from '@nestjs/common';
import type { ClinicVisitsQuery } from '@telehealth/contracts';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import { phaseWhere } from './clinic-visit-phase';
import { CLINIC_VISIT_DETAIL_SELECT, CLINIC_VISIT_SELECT, ClinicVisitDetailRow, ClinicVisitRow } from './clinic-visit.mapper';

/** The clinic's visits as its admins read them: every visit, filtered and paged; one visit without its clinical content. */
@Injectable()
export class ClinicVisitsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async page(query: ClinicVisitsQuery, now: Date): Promise<{ total: number; rows: ClinicVisitRow[] }> {
    const filters: Prisma.SessionWhereInput[] = [];
    if (query.phase) filters.push(phaseWhere(query.phase, now));
    if (query.from || query.to) {
      filters.push({
        appointment: { startsAt: { gte: query.from ? new Date(query.from) : undefined, lt: query.to ? new Date(query.to) : undefined } },
      });
    }
    if (query.doctorId) filters.push({ appointment: { doctorId: query.doctorId } });
    if (query.status) filters.push({ appointment: { status: query.status } });
    const where: Prisma.SessionWhereInput = { AND: filters };
    // The next visit first among the upcoming; the latest first everywhere else.
    const direction = query.phase === 'upcoming' ? 'asc' : 'desc';
    const [total, rows] = await this.prisma.$transaction([
      this.prisma.session.count({ where }),
      this.prisma.session.findMany({
        where,
        select: CLINIC_VISIT_SELECT,
        orderBy: [{ appointment: { startsAt: direction } }, { id: 'asc' }],
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      }),
    ]);
    return { total, rows };
  }

  detail(sessionId: string): Promise<ClinicVisitDetailRow | null> {
    return this.prisma.session.findUnique({ where: { id: sessionId }, select: CLINIC_VISIT_DETAIL_SELECT });
  }
}
