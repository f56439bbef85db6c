import { Injectable } from '@nestjs/common';
import type { FindPatientsQuery, FindPatientsResponse } from '@telehealth/contracts';
import { AuthUser } from '../auth/auth-user';
import { AuditService } from '../audit/audit.service';
import { PrismaService } from '../prisma/prisma.service';

@Injectable()
export class PatientsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
  ) {}

  /** Patients whose name or email contains the query, for a doctor choosing whom to schedule. */
  async find(doctor: AuthUser, query: FindPatientsQuery, ip?: string): Promise<FindPatientsResponse> {
    const text = query.query;
    const patients = await this.prisma.user.findMany({
      where: {
        role: 'PATIENT',
        ...(text ? { OR: [{ name: { contains: text, mode: 'insensitive' } }, { email: { contains: text, mode: 'insensitive' } }] } : {}),
      },
      orderBy: [{ name: 'asc' }, { email: 'asc' }],
      take: query.limit,
      select: { id: true, email: true, name: true, timeZone: true },
    });
    await this.audit.recordRead({
      actorId: doctor.id,
      action: 'patient.search',
      entityType: 'user',
      ip,
      detail: { results: patients.length },
    });
    return { items: patients };
  }
}
