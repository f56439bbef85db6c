import { Injectable } from '@nestjs/common';
import { isUuid } from '../common/uuid';
import { PrismaService } from '../prisma/prisma.service';
import type { VisitParties } from './access-policy';

/** A visit's two parties and the ids of its records: what an access decision needs. */
export interface VisitRecordIds extends VisitParties {
  appointmentId: string;
  sessionId: string;
}

const SELECT_IDS = `SELECT a.id AS "appointmentId", s.id AS "sessionId", a.doctor_id AS "doctorId", a.patient_id AS "patientId"
  FROM sessions s JOIN appointments a ON a.id = s.appointment_id`;

/**
 * Loads whose a visit is, by the id of its appointment or of its session (undefined: no such visit).
 * Plain SQL: every visit route asks this first, and Prisma compiled its query on the event loop each
 * time (its per-query compile, BENCHMARKS.md).
 */
@Injectable()
export class VisitPartiesRepository {
  constructor(private readonly prisma: PrismaService) {}

  byAppointment(appointmentId: string): Promise<VisitRecordIds | undefined> {
    return isUuid(appointmentId) ? this.first(`${SELECT_IDS} WHERE s.appointment_id = $1`, appointmentId) : Promise.resolve(undefined);
  }

  bySession(sessionId: string): Promise<VisitRecordIds | undefined> {
    return isUuid(sessionId) ? this.first(`${SELECT_IDS} WHERE s.id = $1`, sessionId) : Promise.resolve(undefined);
  }

  private async first(query: string, id: string): Promise<VisitRecordIds | undefined> {
    const { rows } = await this.prisma.sql.query<VisitRecordIds>(query, [id]);
    return rows[0];
  }
}
