import type { CallMediaSummary, CallVerification, ConnectionFacts } from '@telehealth/contracts';
import type { CallEvent } from './call-event';
import { callMediaSummary } from './call-media';
import { callVerifications } from './call-verifications';
import { CallStatsSample, connectionFacts } from './connection-facts';

export interface CallFacts {
  media: CallMediaSummary;
  connection: ConnectionFacts;
  verifications: CallVerification[];
}

/** What the visit record and the PDF say of the call itself: video and audio-only time, the connection, the verified-call codes. */
export function callFacts(input: {
  /** The whole timeline (or at least its CALL_EVENT_TYPES entries). */
  events: CallEvent[];
  samples: CallStatsSample[];
  startedAt: Date | null;
  endedAt: Date | null;
  now: Date;
  people: Array<{ userId: string; name: string }>;
}): CallFacts {
  const signalingReconnects = input.events.filter((event) => event.type === 'RECONNECTED').length;
  return {
    media: callMediaSummary(input.events, input.startedAt, input.endedAt, input.now),
    connection: connectionFacts(input.samples, signalingReconnects),
    verifications: callVerifications(input.events, new Map(input.people.map((person) => [person.userId, person.name]))),
  };
}
