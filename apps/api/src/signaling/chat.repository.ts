import { Injectable } from '@nestjs/common';
import { CHAT_HISTORY_PAGE, type ChatMessage } from '@telehealth/contracts';
import { randomUUID } from 'node:crypto';
import { GroupCommit } from '../common/group-commit';
import { isRowLevelError } from '../prisma/database-errors';
import { PrismaService } from '../prisma/prisma.service';

type ChatRow = Omit<ChatMessage, 'sentAt' | 'senderGuestRole'> & { sentAt: Date; senderGuestRole: ChatMessage['senderGuestRole'] | null };
type ChatPage = { messages: ChatMessage[]; hasMore: boolean };

/** Up to `limit` of the rows (newest first, one more than the page when there is more), oldest first. */
function toPage(newestFirst: ChatRow[], limit: number): ChatPage {
  const messages = newestFirst
    .slice(0, limit)
    .reverse()
    .map(({ senderGuestRole, ...row }) => ({
      ...row,
      ...(senderGuestRole ? { senderGuestRole } : {}),
      sentAt: row.sentAt.toISOString(),
    }));
  return { messages, hasMore: newestFirst.length > limit };
}

interface ChatLine {
  id: string;
  sessionId: string;
  senderId: string;
  body: string;
}

/**
 * A visit's chat, as plain SQL: it is on the hot paths of joining and of the call itself, where
 * Prisma's per-query compilation was the largest cost (bench/join.mjs and bench/relay.mjs profiles).
 */
@Injectable()
export class ChatRepository {
  /** Chat lines of all rooms, stored together when they arrive together (see GroupCommit). */
  private readonly chatWriter = new GroupCommit((messages: ChatLine[]) => this.insertChatMessages(messages), 2, 500, isRowLevelError);
  /** The newest page of each visit that joins meanwhile, read in one statement (a burst of joins costs a few round trips). */
  private readonly latestReads = new GroupCommit(
    (sessionIds: string[]) => this.latestPages(sessionIds),
    2,
    500,
    () => false,
  );

  constructor(private readonly prisma: PrismaService) {}

  /**
   * The newest `limit` lines of the visit's chat (before the line `before`, when given), oldest
   * first, and whether older ones exist; undefined when `before` is no line of this visit.
   */
  async chatHistory(sessionId: string, limit: number, before?: string): Promise<ChatPage | undefined> {
    let cursor: { sentAt: Date; id: string } | undefined;
    if (before !== undefined) {
      const { rows } = await this.prisma.sql.query<{ sentAt: Date; id: string }>(
        `SELECT sent_at AS "sentAt", id FROM chat_messages WHERE id = $1::uuid AND session_id = $2`,
        [before, sessionId],
      );
      cursor = rows[0];
      if (!cursor) return undefined;
    }
    // Newest first from the (session_id, sent_at) index, one more than asked to learn whether there is more.
    const { rows } = await this.prisma.sql.query<ChatRow>(
      `SELECT c.id, c.session_id AS "sessionId", c.sender_id AS "from", u.name AS "senderName", u.role AS "senderRole",
              g.role AS "senderGuestRole", c.body, c.sent_at AS "sentAt"
         FROM chat_messages c JOIN users u ON u.id = c.sender_id LEFT JOIN visit_guests g ON g.id = c.sender_id
        WHERE c.session_id = $1 ${cursor ? 'AND (c.sent_at, c.id) < ($3, $4::uuid)' : ''}
        ORDER BY c.sent_at DESC, c.id DESC
        LIMIT $2`,
      cursor ? [sessionId, limit + 1, cursor.sentAt, cursor.id] : [sessionId, limit + 1],
    );
    return toPage(rows, limit);
  }

  /** The newest `CHAT_HISTORY_PAGE` lines of the visit's chat, oldest first, and whether older ones exist. */
  latest(sessionId: string): Promise<ChatPage> {
    return this.latestReads.add(sessionId);
  }

  /** Stores a chat line while the session is open (an ended visit's transcript is closed): undefined once ended. */
  addChatMessage(sessionId: string, senderId: string, body: string): Promise<{ id: string; sentAt: Date } | undefined> {
    return this.chatWriter.add({ id: randomUUID(), sessionId, senderId, body });
  }

  private async latestPages(sessionIds: string[]): Promise<ChatPage[]> {
    const { rows } = await this.prisma.sql.query<ChatRow>(
      `SELECT c.id, c.session_id AS "sessionId", c.sender_id AS "from", u.name AS "senderName", u.role AS "senderRole",
              g.role AS "senderGuestRole", c.body, c.sent_at AS "sentAt"
         FROM unnest($1::uuid[]) AS q(session_id)
         CROSS JOIN LATERAL (
           SELECT * FROM chat_messages WHERE session_id = q.session_id ORDER BY sent_at DESC, id DESC LIMIT $2
         ) c
         JOIN users u ON u.id = c.sender_id LEFT JOIN visit_guests g ON g.id = c.sender_id
        ORDER BY c.session_id, c.sent_at DESC, c.id DESC`,
      [[...new Set(sessionIds)], CHAT_HISTORY_PAGE + 1],
    );
    const bySession = new Map<string, ChatRow[]>();
    for (const row of rows) {
      const page = bySession.get(row.sessionId);
      if (page) page.push(row);
      else bySession.set(row.sessionId, [row]);
    }
    return sessionIds.map((id) => toPage(bySession.get(id) ?? [], CHAT_HISTORY_PAGE));
  }

  private async insertChatMessages(messages: ChatLine[]): Promise<Array<{ id: string; sentAt: Date } | undefined>> {
    const { rows } = await this.prisma.sql.query<{ id: string; sentAt: Date }>(
      `INSERT INTO chat_messages (id, session_id, sender_id, body, sent_at)
       SELECT m.id, m.session_id, m.sender_id, m.body, date_trunc('milliseconds', clock_timestamp())
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[]) WITH ORDINALITY AS m(id, session_id, sender_id, body, n)
         JOIN sessions s ON s.id = m.session_id AND s.status <> 'ENDED'
        ORDER BY m.n
       RETURNING id, sent_at AS "sentAt"`,
      [messages.map((m) => m.id), messages.map((m) => m.sessionId), messages.map((m) => m.senderId), messages.map((m) => m.body)],
    );
    const stored = new Map(rows.map((row) => [row.id, row]));
    return messages.map((m) => stored.get(m.id));
  }
}
