'use client';

import { useTranslations } from 'next-intl';
import { useRoomStats } from '@/hooks/useAdmin';
import { refusalText } from '@/lib/api-client';
import { formatTime } from '@/lib/time';
import { useSignedIn } from '@/components/auth/SignedInContext';

/** The visit rooms someone is in right now, on every API process; refreshed every 10 s. */
export function OpenRooms() {
  const t = useTranslations('admin');
  const common = useTranslations('common');
  const zone = useSignedIn().user.timeZone;
  const { data, error } = useRoomStats();
  return (
    <section className="card" aria-labelledby="open-rooms-title" data-testid="open-rooms">
      <div className="card-head">
        <h2 id="open-rooms-title">{t('rooms.title')}</h2>
        {data && <span className="hint">{t('rooms.updated', { time: formatTime(data.at, zone) })}</span>}
      </div>
      {error && (
        <div className="alert alert-error" role="alert">
          {refusalText(error, common)}
        </div>
      )}
      {data && (
        <p data-testid="open-rooms-totals">
          {t.rich('rooms.totals', {
            calls: data.totals.calls,
            rooms: data.totals.rooms,
            reconnecting: data.totals.reconnecting,
            strong: (chunks) => <strong>{chunks}</strong>,
          })}
        </p>
      )}
      {data && data.rooms.length === 0 && <p className="empty">{t('rooms.empty')}</p>}
      {data && data.rooms.length > 0 && (
        <ul className="list">
          {data.rooms.map((room) => (
            <li key={room.roomId} className="list-item" data-testid="open-room" data-session-id={room.sessionId}>
              <div className="item-main">
                <div className="item-title">
                  {room.clients === 2 ? t('rooms.inCall') : room.started ? t('rooms.interrupted') : t('rooms.waiting')}
                </div>
                <div className="item-sub" data-testid="open-room-seats">
                  {room.seats
                    .map((seat) => {
                      const values = { role: t(`roles.${seat.role}`), time: formatTime(seat.joinedAt, zone) };
                      return seat.connected ? t('rooms.seatConnected', values) : t('rooms.seatReconnecting', values);
                    })
                    .join(' · ')}
                </div>
              </div>
              <span className="hint" title={room.sessionId}>
                {t('rooms.visit', { code: room.sessionId.slice(0, 8) })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
