'use client';

import { useState } from 'react';
import type { ChatMessage } from '@telehealth/contracts';
import { unreadCount, withSeen } from '@/lib/chat-unread';
import { useMediaQuery } from './useMediaQuery';

/** The width below which the call takes the phone's layout; the same as globals.css's "phone call" rules. */
export const PHONE_CALL_LAYOUT = '(max-width: 719px)';

const NONE: ReadonlySet<string> = new Set();

/**
 * The call's chat on a phone: a sheet over the call that opens from the Chat button, which counts
 * the lines that came while it was closed. On a wider screen the chat is always beside the call,
 * so nothing is ever unread. The lines a join brings (the visit's chat so far) count as read: they
 * are not news to someone who was in the call before a reload.
 */
export function useChatSheet(messages: ChatMessage[], selfId: string | null, inRoom: boolean) {
  const phone = useMediaQuery(PHONE_CALL_LAYOUT);
  const [open, setOpen] = useState(false);
  // null until the person is first in the room (then the chat it brought is read).
  const [seen, setSeen] = useState<ReadonlySet<string> | null>(null);
  const onScreen = !phone || open;
  if (onScreen || (seen === null && inRoom)) {
    const next = withSeen(seen ?? NONE, messages);
    // Adjusting state while rendering, as React's docs describe for a value that follows props.
    if (next !== seen) setSeen(next);
  }
  return {
    open,
    unread: seen === null || onScreen ? 0 : unreadCount(messages, seen, selfId),
    toggle: () => setOpen((now) => !now),
    close: () => setOpen(false),
  };
}
