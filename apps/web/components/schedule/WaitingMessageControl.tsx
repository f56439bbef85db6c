'use client';

import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import type { SignalingSocket } from '@telehealth/call-engine';
import { MAX_WAITING_MESSAGE_LENGTH } from '@telehealth/contracts';
import { useSendWaitingMessage, WaitingMessageNotSent } from '@/hooks/useWaitingMessage';
import type { Translator } from '@/i18n/translator';
import { errorReason } from '@/lib/api-client';
import { visitRefusalText } from '@/lib/live-visits';

interface Props {
  socket: SignalingSocket | null;
  roomId: string;
  patientName: string;
}

const SENT_SHOWN_MS = 4000;

/** The ready-made notes (contracts' WAITING_MESSAGE_PRESETS), written in the doctor's language: the patient gets them as shown. */
const PRESETS = ['message.late10', 'message.late20', 'message.shortly'] as const;

/** Why the message did not go, in words. */
function notSentText(t: Translator<'schedule'>, common: Translator<'common'>, error: unknown): string {
  if (error instanceof WaitingMessageNotSent) return error.why === 'offline' ? t('errors.liveOffline') : t('errors.unconfirmed');
  if (errorReason(error) === 'validation_failed') return t('errors.messageInvalid', { max: MAX_WAITING_MESSAGE_LENGTH });
  return visitRefusalText(t, common, error);
}

/** From a waiting patient's entry: a preset or a short note to the patient ("Running about 10 minutes late"). */
export function WaitingMessageControl({ socket, roomId, patientName }: Props) {
  const t = useTranslations('schedule');
  const common = useTranslations('common');
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const send = useSendWaitingMessage(socket);
  const panelId = useId();
  const fieldId = useId();
  const error = send.error ? notSentText(t, common, send.error) : null;

  useEffect(() => {
    if (!sent) return;
    const id = window.setTimeout(() => setSent(null), SENT_SHOWN_MS);
    return () => window.clearTimeout(id);
  }, [sent]);

  async function deliver(message: string) {
    const trimmed = message.trim();
    if (!trimmed || send.isPending) return;
    setSent(null);
    try {
      await send.mutateAsync({ roomId, text: trimmed });
      setSent(trimmed);
      if (trimmed === text.trim()) setText('');
    } catch {
      // shown below from send.error
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void deliver(text);
  }

  return (
    <div className="waiting-message">
      <button
        type="button"
        className="btn btn-ghost btn-small"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        data-testid="waiting-message-toggle"
      >
        {open ? t('message.close') : t('message.open')}
      </button>
      <div
        id={panelId}
        hidden={!open}
        className="waiting-message-panel"
        role="group"
        aria-label={t('message.groupLabel', { name: patientName })}
      >
        <p className="hint">{t('message.hint', { name: patientName })}</p>
        <div className="actions">
          {PRESETS.map((key) => (
            <button
              key={key}
              type="button"
              className="btn btn-secondary btn-small"
              disabled={send.isPending}
              onClick={() => void deliver(t(key))}
              data-testid="waiting-message-preset"
            >
              {t(key)}
            </button>
          ))}
        </div>
        <form className="waiting-message-form" onSubmit={onSubmit}>
          <label htmlFor={fieldId} className="label">
            {t('message.own')}
          </label>
          <div className="waiting-message-row">
            <input
              id={fieldId}
              value={text}
              maxLength={MAX_WAITING_MESSAGE_LENGTH}
              onChange={(e) => setText(e.target.value)}
              aria-describedby={`${fieldId}-count`}
              data-testid="waiting-message-text"
            />
            <button
              type="submit"
              className="btn btn-primary btn-small"
              disabled={send.isPending || !text.trim()}
              data-testid="waiting-message-send"
            >
              {send.isPending ? t('message.sending') : t('message.send')}
            </button>
          </div>
          <span id={`${fieldId}-count`} className="hint">
            {t('message.count', { count: text.length, max: MAX_WAITING_MESSAGE_LENGTH })}
          </span>
        </form>
        <div role="status" className="waiting-message-sent" data-testid="waiting-message-sent">
          {sent && t('message.sent', { text: sent })}
        </div>
        {error && !send.isPending && (
          <div className="alert alert-error" role="alert" data-testid="waiting-message-error">
            {error}
          </div>
        )}
      </div>
    </div>
  );
}
