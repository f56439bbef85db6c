import { useTranslations } from 'next-intl';
import type { ChatMessage } from '@telehealth/contracts';
import { nameWithRole } from '@/lib/visit-record';
import { formatTime } from '@/lib/time';

/** The visit's chat as it was kept with the record: read only. */
export function ChatTranscript({ messages, selfId, timeZone }: { messages: ChatMessage[]; selfId: string; timeZone: string }) {
  const t = useTranslations('history');
  return (
    <section className="card" aria-labelledby="transcript-title" data-testid="chat-transcript">
      <div className="card-head">
        <h2 id="transcript-title">{t('chat.title')}</h2>
        <span className="hint">{t('chat.count', { count: messages.length })}</span>
      </div>
      {messages.length === 0 ? (
        <p className="empty">{t('chat.none')}</p>
      ) : (
        <ol className="chat-messages transcript">
          {messages.map((m) => (
            <li key={m.id} className="chat-message" data-mine={m.from === selfId} data-testid="transcript-message">
              <div className="chat-meta">
                <strong>
                  {m.from === selfId
                    ? t('chat.you', { name: m.senderName })
                    : nameWithRole({ name: m.senderName, role: m.senderRole, guestRole: m.senderGuestRole }, t)}
                </strong>{' '}
                · <time dateTime={m.sentAt}>{formatTime(m.sentAt, timeZone)}</time>
              </div>
              <div className="chat-bubble" data-testid="transcript-body">
                {m.body}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
