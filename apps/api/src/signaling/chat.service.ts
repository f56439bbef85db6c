import { Injectable } from '@nestjs/common';
import {
  Ack,
  CHAT_HISTORY_PAGE,
  ChatHistoryResult,
  ChatMessage,
  ZChatHistoryRequestSchema,
  ZChatMessageRequestSchema,
} from '@telehealth/contracts';
import { NOT_IN_ROOM, parse, refused } from './acks';
import { ChatRepository } from './chat.repository';
import { currentMembership, roomChannel, SignalingSocket } from './membership';

/** The visit's chat: a line is stored (while the visit is open) before the room hears it; earlier pages on request. */
@Injectable()
export class ChatService {
  constructor(private readonly chat: ChatRepository) {}

  async send(socket: SignalingSocket, payload: unknown): Promise<Ack<{ message: ChatMessage }>> {
    const request = parse(ZChatMessageRequestSchema, payload);
    if (!request.ok) return request;
    const membership = currentMembership(socket);
    if (!membership) return NOT_IN_ROOM;
    const row = await this.chat.addChatMessage(membership.sessionId, socket.data.user.id, request.data.body);
    if (!row) return refused(409, 'visit_ended', 'This visit has ended.');
    const message: ChatMessage = {
      id: row.id,
      sessionId: membership.sessionId,
      from: socket.data.user.id,
      senderName: socket.data.user.name,
      senderRole: membership.self.role,
      ...(membership.self.guestRole ? { senderGuestRole: membership.self.guestRole } : {}),
      body: request.data.body,
      sentAt: row.sentAt.toISOString(),
    };
    socket.to(roomChannel(membership.roomId)).emit('chat-message', message);
    return { ok: true, message };
  }

  /** An earlier page of the visit's chat, for the socket's own visit only. */
  async history(socket: SignalingSocket, payload: unknown): Promise<Ack<ChatHistoryResult>> {
    const request = parse(ZChatHistoryRequestSchema, payload);
    if (!request.ok) return request;
    const membership = currentMembership(socket);
    if (!membership) return NOT_IN_ROOM;
    const page = await this.chat.chatHistory(membership.sessionId, request.data.limit ?? CHAT_HISTORY_PAGE, request.data.before);
    if (!page) return refused(404, 'not_found', 'before: no message with this id is in your visit.');
    return { ok: true, ...page };
  }

  /** The newest page, as a join delivers it. */
  latest(sessionId: string): Promise<ChatHistoryResult> {
    return this.chat.latest(sessionId);
  }
}
