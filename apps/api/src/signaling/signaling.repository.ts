import { Injectable } from '@nestjs/common';
import type { ChatMessage } from '@telehealth/contracts';
import { PrismaService } from '../prisma/prisma.service';

export interface RoomAccess {
  roomId: string;
  appointmentId: string;
  doctorId: string;
  patientId: string;
  patientName: string;
  reason: string;
  startsAt: Date;
  endsAt: Date;
  status: 'SCHEDULED' | 'CANCELLED' | 'COMPLETED' | 'NO_SHOW';
  sessionId: string;
  sessionStatus: 'WAITING' | 'ACTIVE' | 'ENDED';
}

/**
 * The reads of entering a visit, as plain SQL: they run for every join, where Prisma's
 * per-query compilation was the largest cost (bench/join.mjs profile).
 */
@Injectable()
export class SignalingRepository {
  constructor(private readonly prisma: PrismaService) {}

  async roomAccess(roomId: string): Promise<RoomAccess | undefined> {
    const { rows } = await this.prisma.sql.query<RoomAccess>(
      `SELECT r.id AS "roomId", a.id AS "appointmentId", a.doctor_id AS "doctorId", a.patient_id AS "patientId",
              p.name AS "patientName", a.reason, a.starts_at AS "startsAt", a.ends_at AS "endsAt", a.status,
              s.id AS "sessionId", s.status AS "sessionStatus"
         FROM rooms r
         JOIN appointments a ON a.id = r.appointment_id
         JOIN sessions s ON s.appointment_id = a.id
         JOIN users p ON p.id = a.patient_id
        WHERE r.id = $1`,
      [roomId],
    );
    return rows[0];
  }

  /** The visit's chat so far, oldest first, at most `limit` lines. */
  async chatHistory(sessionId: string, limit = 500): Promise<ChatMessage[]> {
    const { rows } = await this.prisma.sql.query<Omit<ChatMessage, 'sentAt'> & { sentAt: Date }>(
      `SELECT c.id, c.session_id AS "sessionId", c.sender_id AS "from", u.name AS "senderName", c.body, c.sent_at AS "sentAt"
         FROM chat_messages c JOIN users u ON u.id = c.sender_id
        WHERE c.session_id = $1
        ORDER BY c.sent_at, c.id
        LIMIT $2`,
      [sessionId, limit],
    );
    return rows.map((row) => ({ ...row, sentAt: row.sentAt.toISOString() }));
  }
}
