import { useTranslations } from 'next-intl';
import type { SessionDetailResponse } from '@telehealth/contracts';
import type { Translator } from '@/i18n/translator';
import { roleLabel } from '@/lib/visit-record';
import { formatTime } from '@/lib/time';

/** "Joined 10:02, left 10:31": when someone first came in and last went out, or that they never did. */
export function presence(firstJoinedAt: string | null, lastLeftAt: string | null, timeZone: string, t: Translator<'history'>): string {
  if (!firstJoinedAt) return t('participants.didNotJoin');
  const at = formatTime(firstJoinedAt, timeZone);
  return lastLeftAt ? t('participants.joinedAndLeft', { at, left: formatTime(lastLeftAt, timeZone) }) : t('participants.joined', { at });
}

/**
 * Who the visit was for (doctor, patient, then the guests in the order invited), each in their part,
 * and when they first came in and last went out. Nothing from an API that does not send the list yet.
 */
export function VisitParticipants({ detail, timeZone }: { detail: SessionDetailResponse; timeZone: string }) {
  const t = useTranslations('history');
  // An API older than the contract sends no list.
  const people = detail.participants ?? [];
  if (people.length === 0) return null;
  return (
    <section className="card" aria-labelledby="participants-title" data-testid="visit-participants">
      <div className="card-head">
        <h2 id="participants-title">{t('participants.title')}</h2>
        <span className="hint">{t('participants.count', { count: people.length })}</span>
      </div>
      <ul className="participants">
        {people.map((person) => {
          const role = roleLabel(person, t);
          return (
            <li key={person.userId} className="participant" data-testid="visit-participant" data-role={person.role}>
              <span className="participant-name">
                {person.name}
                {role && <span className="participant-role"> · {role}</span>}
              </span>
              <span className="participant-times">{presence(person.firstJoinedAt, person.lastLeftAt, timeZone, t)}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
