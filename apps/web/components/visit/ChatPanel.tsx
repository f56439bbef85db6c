'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { MAX_CHAT_LENGTH, type ChatMessage } from '@telehealth/contracts';
import { callErrorText, personText } from '@/lib/call-words';
import { formatTime } from '@/lib/time';

interface Props {
  messages: ChatMessage[];
  selfId: string | null;
  timeZone: string;
  canSend: boolean;
  onSend: (body: string) => Promise<void>;
  /** Older lines exist than the ones shown; `onLoadEarlier` fetches the page before them. */
  hasEarlier?: boolean;
  onLoadEarlier?: () => Promise<void>;
  /** On a phone the chat is a sheet over the call, open or closed (globals.css); wider screens always show it. */
  sheet?: { id: string; open: boolean; onClose: () => void };
}

/**
 * The call's chat. As a phone's sheet: opening it takes the focus to the message field (or to Close
 * while sending is not possible yet); Escape or Close closes it, and the caller puts the focus back.
 */
export function ChatPanel({ messages, selfId, timeZone, canSend, onSend, hasEarlier = false, onLoadEarlier, sheet }: Props) {
  const t = useTranslations('call');
  const common = useTranslations('common');
  const [draft, setDraft] = useState('');
  // The refusal itself: worded at render from its reason, in the reader's language.
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const sheetOpen = sheet?.open ?? false;

  // Follows new lines at the bottom; earlier lines loaded on request do not jump the view away from them.
  // A sheet that opens starts at the bottom too (while closed it had no height to scroll).
  const newestId = messages[messages.length - 1]?.id;
  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [newestId, sheetOpen]);
  useEffect(() => {
    if (!sheetOpen) return;
    const input = inputRef.current;
    (input && !input.disabled ? input : closeRef.current)?.focus();
  }, [sheetOpen]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = draft.trim();
    if (!body) return;
    setBusy(true);
    setError(null);
    try {
      await onSend(body);
      setDraft('');
    } catch (e) {
      setError(e ?? new Error());
    } finally {
      setBusy(false);
    }
  }

  return (
    <section
      id={sheet?.id}
      className="card chat"
      aria-labelledby="chat-title"
      data-sheet={sheet ? (sheet.open ? 'open' : 'closed') : undefined}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !sheet?.open) return;
        event.stopPropagation();
        sheet.onClose();
      }}
      data-testid="chat"
    >
      <div className="chat-head">
        <h2 id="chat-title">{t('chat.title')}</h2>
        {sheet && (
          <button
            ref={closeRef}
            type="button"
            className="btn btn-ghost btn-small chat-close"
            onClick={sheet.onClose}
            data-testid="chat-close"
          >
            {t('chat.close')}
            <span className="visually-hidden"> {t('chat.closeHidden')}</span>
          </button>
        )}
      </div>
      {hasEarlier && onLoadEarlier && (
        <button
          type="button"
          className="btn btn-secondary btn-small chat-earlier"
          disabled={busy}
          onClick={() => {
            setError(null);
            onLoadEarlier().catch((e: unknown) => setError(e ?? new Error()));
          }}
          data-testid="chat-earlier"
        >
          {t('chat.earlier')}
        </button>
      )}
      <ol className="chat-messages" ref={listRef} aria-live="polite" data-testid="chat-messages">
        {messages.length === 0 && <li className="empty">{t('chat.empty')}</li>}
        {messages.map((m) => (
          <li key={m.id} className="chat-message" data-mine={m.from === selfId} data-testid="chat-message">
            <div className="chat-meta">
              <strong data-testid="chat-sender">
                {m.from === selfId
                  ? t('chat.you')
                  : personText(t, { name: m.senderName, role: m.senderRole, guestRole: m.senderGuestRole })}
              </strong>{' '}
              · {formatTime(m.sentAt, timeZone)}
            </div>
            <div className="chat-bubble" data-testid="chat-body">
              {m.body}
            </div>
          </li>
        ))}
      </ol>
      {error !== null && (
        <div className="alert alert-error" role="alert">
          {callErrorText(t, common, error)}
        </div>
      )}
      <form className="chat-form" onSubmit={submit}>
        <label htmlFor="chat-input" className="visually-hidden">
          {t('chat.messageLabel')}
        </label>
        <input
          ref={inputRef}
          id="chat-input"
          placeholder={canSend ? t('chat.placeholder') : t('chat.placeholderClosed')}
          maxLength={MAX_CHAT_LENGTH}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          disabled={!canSend}
          autoComplete="off"
          data-testid="chat-input"
        />
        <button
          type="submit"
          className="btn btn-primary"
          disabled={!canSend || busy || !draft.trim()}
          data-testid="chat-send"
          aria-label={t('chat.sendLabel')}
        >
          {t('chat.send')}
        </button>
      </form>
    </section>
  );
}
