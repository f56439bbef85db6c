'use client';

import { useRoomStats } from '@/hooks/useAdmin';
import { formatTime } from '@/lib/time';
import { useSignedIn } from '@/components/auth/SignedInContext';

const ROLE_WORD = { DOCTOR: 'Doctor', PATIENT: 'Patient', ADMIN: 'Admin', GUEST: 'Guest' } as const;

/** The visit rooms someone is in right now, on every API process; refreshed every 10 s. */
export function OpenRooms() {
  const zone = useSignedIn().user.timeZone;
  const { data, error } = useRoomStats();
  return (
    <section className="card" aria-labelledby="open-rooms-title" data-testid="open-rooms">
      <div className="card-head">
        <h2 id="open-rooms-title">Open calls</h2>
        {data && <span className="hint">Updated {formatTime(data.at, zone)}, every 10 s</span>}
      </div>
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      {data && (
        <p data-testid="open-rooms-totals">
          <strong>{data.totals.calls}</strong> {data.totals.calls === 1 ? 'call' : 'calls'} with both people connected ·{' '}
          <strong>{data.totals.rooms}</strong> {data.totals.rooms === 1 ? 'room' : 'rooms'} in use ·{' '}
          <strong>{data.totals.reconnecting}</strong> reconnecting
        </p>
      )}
      {data && data.rooms.length === 0 && <p className="empty">Nobody is in a visit right now.</p>}
      {data && data.rooms.length > 0 && (
        <ul className="list">
          {data.rooms.map((room) => (
            <li key={room.roomId} className="list-item" data-testid="open-room" data-session-id={room.sessionId}>
              <div className="item-main">
                <div className="item-title">
                  {room.clients === 2 ? 'In call' : room.started ? 'Call interrupted' : 'Waiting for the other party'}
                </div>
                <div className="item-sub" data-testid="open-room-seats">
                  {room.seats
                    .map(
                      (seat) =>
                        `${ROLE_WORD[seat.role]} ${seat.connected ? 'connected' : 'reconnecting'} since ${formatTime(seat.joinedAt, zone)}`,
                    )
                    .join(' · ')}
                </div>
              </div>
              <span className="hint" title={room.sessionId}>
                Visit {room.sessionId.slice(0, 8)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
