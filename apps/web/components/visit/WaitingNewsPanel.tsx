'use client';

import { useTranslations } from 'next-intl';
import type { WaitingNews } from '@/hooks/useWaitingNews';
import { waitingPlaceText, waitingPositionText } from '@/lib/call-words';
import { formatTime } from '@/lib/time';

interface Props {
  news: WaitingNews;
  /** The visit's new start when it was moved during this wait (its window still open), else null. */
  newStart: string | null;
  doctorName: string;
  timeZone: string;
}

/**
 * Beside the waiting patient's stage: the doctor's messages of this wait, each with its time, and the
 * place in the doctor's queue. Both regions are on the page from the start of the wait, so screen
 * readers announce what arrives in them: a new place in line once (not each new estimate of the
 * time), a moved start, each message.
 */
export function WaitingNewsPanel({ news, newStart, doctorName, timeZone }: Props) {
  const t = useTranslations('call');
  const { messages, position } = news;
  const showPosition = position !== null && position.waiting > 1;
  return (
    <div className="waiting-news" data-empty={messages.length === 0 && !showPosition && !newStart} data-testid="waiting-news">
      <div role="status" aria-live="polite">
        {newStart && (
          <p className="waiting-position" data-testid="waiting-new-start">
            {t('waiting.newStart', { time: formatTime(newStart, timeZone) })}
          </p>
        )}
        {showPosition && (
          <span className="visually-hidden" data-testid="waiting-position-announcement">
            {waitingPlaceText(t, position)}
          </span>
        )}
      </div>
      {showPosition && (
        <p className="waiting-position" data-testid="waiting-position">
          {waitingPositionText(t, position, timeZone)}
        </p>
      )}
      <div role="log" aria-live="polite" aria-label={t('waiting.messagesFrom', { doctor: doctorName })} data-testid="waiting-messages">
        {messages.map((message) => (
          <p key={`${message.sentAt}-${message.text}`} className="waiting-news-message" data-testid="waiting-message">
            <span className="waiting-news-from">
              {doctorName} · <time dateTime={message.sentAt}>{formatTime(message.sentAt, timeZone)}</time>
            </span>
            <span className="waiting-news-text">{message.text}</span>
          </p>
        ))}
      </div>
    </div>
  );
}
