'use client';

import { useSyncExternalStore } from 'react';
import { canChooseSpeaker } from './useSpeakerTest';

const never = () => () => undefined;

function canShareScreen(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getDisplayMedia === 'function';
}

/**
 * What this browser offers for the call, known only in the browser (the server render says no):
 * choosing the speaker (`setSinkId`), and sharing a screen (phones have no getDisplayMedia).
 */
export function useBrowserCan(): { chooseSpeaker: boolean; shareScreen: boolean } {
  const chooseSpeaker = useSyncExternalStore(never, canChooseSpeaker, () => false);
  const shareScreen = useSyncExternalStore(never, canShareScreen, () => false);
  return { chooseSpeaker, shareScreen };
}
