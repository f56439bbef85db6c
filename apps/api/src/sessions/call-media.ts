import { type CallMediaSummary, VIDEO_OFF_CAUSES, type VideoOffCause } from '@telehealth/contracts';
import type { CallEvent } from './call-event';

interface PersonMedia {
  present: boolean;
  /** Camera on (assumed from their JOINED until a VIDEO_OFF). */
  video: boolean;
  videoOff?: VideoOffCause;
  screen: boolean;
}

/**
 * How long the call ran with video and with audio only, from the timeline.
 *
 * - The call's time is from `startedAt` to `endedAt` (or `now` while it runs), counted only while two
 *   or more people are in it: present from JOINED (or RECONNECTED) until LEFT or ENDED.
 * - A person sends video from their JOINED until a VIDEO_OFF, and again from a VIDEO_ON; a shared
 *   screen (SCREEN_SHARE_STARTED until SCREEN_SHARE_STOPPED) is video too.
 * - That time is video while at least one person present sends video, audio only otherwise.
 * - Audio-only time is "because of the connection" (audioOnlyForNetworkSeconds) while at least one
 *   person present has their video off for cause `network` (adaptive quality paused it): had the
 *   connection held, someone would have been sending video.
 *
 * Each total is rounded to whole seconds on its own.
 */
export function callMediaSummary(events: CallEvent[], startedAt: Date | null, endedAt: Date | null, now: Date): CallMediaSummary {
  const totals = { video: 0, audioOnly: 0, network: 0 };
  if (startedAt) {
    const start = startedAt.getTime();
    const end = (endedAt ?? now).getTime();
    const people = new Map<string, PersonMedia>();
    let since = Number.NEGATIVE_INFINITY;
    const count = (until: number) => {
      const span = Math.min(until, end) - Math.max(since, start);
      since = until;
      const present = [...people.values()].filter((person) => person.present);
      if (span <= 0 || present.length < 2) return;
      if (present.some((person) => person.video || person.screen)) totals.video += span;
      else {
        totals.audioOnly += span;
        if (present.some((person) => person.videoOff === 'network')) totals.network += span;
      }
    };
    for (const event of [...events].sort((a, b) => a.at.getTime() - b.at.getTime())) {
      count(event.at.getTime());
      apply(people, event);
    }
    count(end);
  }
  return {
    videoSeconds: Math.round(totals.video / 1000),
    audioOnlySeconds: Math.round(totals.audioOnly / 1000),
    audioOnlyForNetworkSeconds: Math.round(totals.network / 1000),
  };
}

function apply(people: Map<string, PersonMedia>, event: CallEvent): void {
  if (event.type === 'ENDED') {
    for (const person of people.values()) person.present = false;
    return;
  }
  if (event.userId === null) return;
  const person = people.get(event.userId) ?? { present: false, video: true, screen: false };
  people.set(event.userId, person);
  switch (event.type) {
    case 'JOINED':
      people.set(event.userId, { present: true, video: true, screen: false });
      return;
    case 'RECONNECTED':
      person.present = true;
      return;
    case 'LEFT':
      person.present = false;
      return;
    case 'VIDEO_OFF':
      person.video = false;
      person.videoOff = VIDEO_OFF_CAUSES.find((cause) => cause === event.detail?.cause) ?? 'person';
      return;
    case 'VIDEO_ON':
      person.video = true;
      person.videoOff = undefined;
      return;
    case 'SCREEN_SHARE_STARTED':
      person.screen = true;
      return;
    case 'SCREEN_SHARE_STOPPED':
      person.screen = false;
      return;
    default:
      return;
  }
}
