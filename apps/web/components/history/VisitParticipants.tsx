import type { SessionDetailResponse } from '@telehealth/contracts';
import { tileLabel } from '@/lib/participants';
import { formatTime } from '@/lib/time';

function presence(firstJoinedAt: string | null, lastLeftAt: string | null, timeZone: string): string {
  if (!firstJoinedAt) return 'Did not join';
  const joined = `Joined ${formatTime(firstJoinedAt, timeZone)}`;
  return lastLeftAt ? `${joined}, left ${formatTime(lastLeftAt, timeZone)}` : joined;
}

/**
 * Who the visit was for (doctor, patient, then the guests in the order invited), each in their part,
 * and when they first came in and last went out. Nothing from an API that does not send the list yet.
 */
export function VisitParticipants({ detail, timeZone }: { detail: SessionDetailResponse; timeZone: string }) {
  // An API older than the contract sends no list.
  const people = detail.participants ?? [];
  if (people.length === 0) return null;
  return (
    <section className="card" aria-labelledby="participants-title" data-testid="visit-participants">
      <div className="card-head">
        <h2 id="participants-title">Who was there</h2>
        <span className="hint">
          {people.length} {people.length === 1 ? 'person' : 'people'}
        </span>
      </div>
      <ul className="participants">
        {people.map((person) => {
          const label = tileLabel(person);
          return (
            <li key={person.userId} className="participant" data-testid="visit-participant" data-role={person.role}>
              <span className="participant-name">
                {label.name}
                {label.role && <span className="participant-role"> · {label.role}</span>}
              </span>
              <span className="participant-times">{presence(person.firstJoinedAt, person.lastLeftAt, timeZone)}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
