'use client';

import { useCallback, useState, type RefObject } from 'react';
import type { CallEngine } from '@telehealth/call-engine';
import type { ChatMessage } from '@telehealth/contracts';
import { ApiError } from '@/lib/api-client';

function byTime(messages: ChatMessage[]): ChatMessage[] {
  return messages.sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt));
}

/** The call's chat: lines in time order without repeats, sending, and loading earlier lines. */
export function useCallChat(engineRef: RefObject<CallEngine | null>) {
  const [chat, setChat] = useState<ChatMessage[]>([]);
  const [chatHasMore, setChatHasMore] = useState(false);

  const mergeChat = useCallback(
    (messages: ChatMessage[]) =>
      setChat((previous) => {
        const byId = new Map(previous.map((m) => [m.id, m]));
        for (const m of messages) byId.set(m.id, m);
        return byTime([...byId.values()]);
      }),
    [],
  );

  const sendChat = useCallback(
    async (body: string) => {
      const engine = engineRef.current;
      // A refusal with a reason, so the chat words it from the catalogue like any other.
      if (!engine) throw new ApiError('The visit is not connected yet.', 409, 'not_in_room');
      const message = await engine.sendChat(body);
      setChat((previous) => (previous.some((m) => m.id === message.id) ? previous : [...previous, message]));
    },
    [engineRef],
  );

  const loadEarlierChat = useCallback(async () => {
    const engine = engineRef.current;
    const oldest = chat[0];
    if (!engine || !oldest) return;
    const page = await engine.loadEarlierChat(oldest.id);
    setChat((previous) => [...page.messages.filter((m) => !previous.some((p) => p.id === m.id)), ...previous]);
    setChatHasMore(page.hasMore);
  }, [chat, engineRef]);

  return { chat, chatHasMore, setChatHasMore, mergeChat, sendChat, loadEarlierChat };
}
