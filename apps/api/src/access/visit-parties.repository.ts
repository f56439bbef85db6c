import { Injectable } from '@nestjs/common';
import { isUuid } from '../common/uuid';
import { PrismaService } from '../prisma/prisma.service';
import type { VisitParties } from './access-policy';

/** A visit's two parties and the ids of its records: what an access decision needs. */
export interface VisitRecordIds extends VisitParties {
  appointmentId: string;
  sessionId: string;
}

const SELECT = { id: true, appointment: { select: { id: true, doctorId: true, patientId: true } } } as const;

/** Loads whose a visit is, by the id of its appointment or of its session (undefined: no such visit). */
@Injectable()
export class VisitPartiesRepository {
  constructor(private readonly prisma: PrismaService) {}

  async byAppointment(appointmentId: string): Promise<VisitRecordIds | undefined> {
    if (!isUuid(appointmentId)) return undefined;
    const row = await this.prisma.session.findUnique({ where: { appointmentId }, select: SELECT });
    return row ? toIds(row) : undefined;
  }

  async bySession(sessionId: string): Promise<VisitRecordIds | undefined> {
    if (!isUuid(sessionId)) return undefined;
    const row = await this.prisma.session.findUnique({ where: { id: sessionId }, select: SELECT });
    return row ? toIds(row) : undefined;
  }
}

function toIds(row: { id: string; appointment: { id: string; doctorId: string; patientId: string } }): VisitRecordIds {
  const { appointment } = row;
  return { appointmentId: appointment.id, sessionId: row.id, doctorId: appointment.doctorId, patientId: appointment.patientId };
}
