'use client';

import { useEffect, useId, useState, type FormEvent } from 'react';
import type { SignalingSocket } from '@telehealth/call-engine';
import { MAX_WAITING_MESSAGE_LENGTH, WAITING_MESSAGE_PRESETS } from '@telehealth/contracts';
import { useSendWaitingMessage } from '@/hooks/useWaitingMessage';
import { errorMessage } from '@/lib/api-client';

interface Props {
  socket: SignalingSocket | null;
  roomId: string;
  patientName: string;
}

const SENT_SHOWN_MS = 4000;

/** From a waiting patient's entry: a preset or a short note to the patient ("Running about 10 minutes late"). */
export function WaitingMessageControl({ socket, roomId, patientName }: Props) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const send = useSendWaitingMessage(socket);
  const panelId = useId();
  const fieldId = useId();
  const error = send.error ? errorMessage(send.error) : null;

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
        {open ? 'Close message' : 'Send a message'}
      </button>
      <div id={panelId} hidden={!open} className="waiting-message-panel" role="group" aria-label={`Message to ${patientName}`}>
        <p className="hint">Tell {patientName} something while they wait. They see it at once.</p>
        <div className="actions">
          {WAITING_MESSAGE_PRESETS.map((preset) => (
            <button
              key={preset}
              type="button"
              className="btn btn-secondary btn-small"
              disabled={send.isPending}
              onClick={() => void deliver(preset)}
              data-testid="waiting-message-preset"
            >
              {preset}
            </button>
          ))}
        </div>
        <form className="waiting-message-form" onSubmit={onSubmit}>
          <label htmlFor={fieldId} className="label">
            Or write your own
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
              {send.isPending ? 'Sending…' : 'Send'}
            </button>
          </div>
          <span id={`${fieldId}-count`} className="hint">
            {text.length}/{MAX_WAITING_MESSAGE_LENGTH} characters
          </span>
        </form>
        <div role="status" className="waiting-message-sent" data-testid="waiting-message-sent">
          {sent && <>Sent: “{sent}”</>}
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
