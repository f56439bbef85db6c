import type { ChatMessage } from '@telehealth/contracts';
import type { Translator } from '@/i18n/translator';

/**
 * `seen` with every line of `messages` added; the same set when nothing is new, so a caller can
 * tell "nothing changed" by identity (and set state only then).
 */
export function withSeen(seen: ReadonlySet<string>, messages: readonly ChatMessage[]): ReadonlySet<string> {
  if (messages.every((message) => seen.has(message.id))) return seen;
  return new Set([...seen, ...messages.map((message) => message.id)]);
}

/** Lines from someone else that were never on screen: the number on a phone's Chat button. */
export function unreadCount(messages: readonly ChatMessage[], seen: ReadonlySet<string>, selfId: string | null): number {
  return messages.filter((message) => message.from !== selfId && !seen.has(message.id)).length;
}

/** "1 unread message", "3 unread messages": what the badge's number means, for screen readers. */
export function unreadLabel(t: Translator<'call'>, count: number): string {
  return t('chat.unread', { count });
}
