'use client';

import { useTranslations } from 'next-intl';
import { useNow } from '@/hooks/useNow';
import type { SignalingLink } from '@/hooks/useSignalingSocket';
import type { WaitingRoomState } from '@/hooks/useWaitingRoom';
import { formatElapsed, formatTime } from '@/lib/time';
import { AppLink } from '@/components/common/AppLink';
import { useSignedIn } from '@/components/auth/SignedInContext';
import { WaitingMessageControl } from '@/components/schedule/WaitingMessageControl';

const CONNECTION_LABEL = { connecting: 'room.connecting', live: 'room.live', offline: 'room.offline' } as const;

interface Props {
  /** The dashboard's signaling socket and its state. */
  link: SignalingLink;
  room: WaitingRoomState;
}

/** Patients waiting right now, how long they have waited, a Join button and a message control for each. */
export function WaitingRoomPanel({ link, room }: Props) {
  const t = useTranslations('schedule');
  const { user } = useSignedIn();
  const { connection, error } = link;
  const { waiting, announcement, notificationPermission, requestNotifications } = room;
  const now = useNow(1000);

  return (
    <section className="card" aria-labelledby="waiting-title" data-testid="waiting-room">
      <div className="card-head">
        <h2 id="waiting-title">{t('room.title')}</h2>
        <span className="live-dot" data-state={connection} data-testid="waiting-room-connection">
          {t(CONNECTION_LABEL[connection])}
        </span>
      </div>
      {error && connection === 'offline' && <div className="alert alert-warn">{t('room.unavailable')}</div>}
      {/* Arrivals and departures are announced once each; the list itself ticks every second, so it is not a live region. */}
      <div className="visually-hidden" role="status" aria-live="polite" data-testid="waiting-room-announcement">
        {announcement && <p key={announcement.at}>{announcement.text}</p>}
      </div>
      {waiting.length === 0 ? (
        <p className="empty" data-testid="waiting-room-empty">
          {t('room.empty')}
        </p>
      ) : (
        <ul className="list" data-testid="waiting-room-list">
          {waiting.map((w) => (
            <li key={w.sessionId} className="waiting-item" data-testid="waiting-room-entry" data-session-id={w.sessionId}>
              <div className="list-item" style={{ padding: 0, border: 0 }}>
                <div className="item-main">
                  <div className="item-title" data-testid="waiting-room-patient">
                    {w.patient.name}
                  </div>
                  <div className="item-sub">{t('room.visitAt', { reason: w.reason, time: formatTime(w.startsAt, user.timeZone) })}</div>
                  <div className="item-sub">
                    {t.rich('room.waitingFor', {
                      elapsed: formatElapsed(now - Date.parse(w.since)),
                      // The elapsed time keeps its own element: the clock is found by it.
                      elapsedTag: (chunks) => (
                        <span className="waiting-time" data-testid="waiting-room-elapsed">
                          {chunks}
                        </span>
                      ),
                    })}
                  </div>
                </div>
                <AppLink
                  href={`/visit/${w.sessionId}`}
                  className="btn btn-primary"
                  data-testid="waiting-room-join"
                  aria-label={t('room.joinLabel', { name: w.patient.name })}
                >
                  {t('room.join')}
                </AppLink>
              </div>
              <WaitingMessageControl socket={link.socket} roomId={w.roomId} patientName={w.patient.name} />
            </li>
          ))}
        </ul>
      )}
      {notificationPermission === 'default' && (
        <div className="alert alert-info" style={{ marginTop: '0.75rem', marginBottom: 0 }}>
          <p style={{ marginBottom: '0.5rem' }}>{t('room.notifyAsk')}</p>
          <button
            type="button"
            className="btn btn-secondary btn-small"
            onClick={() => void requestNotifications()}
            data-testid="enable-notifications"
          >
            {t('room.notifyOn')}
          </button>
        </div>
      )}
      {notificationPermission === 'denied' && (
        <p className="hint" style={{ marginTop: '0.75rem' }}>
          {t('room.notifyBlocked')}
        </p>
      )}
    </section>
  );
}
