'use client';

import { useEffect } from 'react';
import { lazyModule } from '@/lib/lazy-module';
import type { Unavailable } from '@/lib/prepared-call';
import { useLazyModule } from './useLazyModule';

/**
 * The call screen and the call's signaling socket and engine (components/visit/call-code.ts): not
 * needed to show the device check, the page fetches them as it mounts, prepares the call with them
 * once they are in (seconds before a Join), and has the call screen ready by then. In only with the
 * code of the page's transport (`loadTransport`): the call screen opens its socket as it mounts.
 */
export const callCode = lazyModule(() =>
  import('@/components/visit/call-code').then(async (code) => {
    await code.loadTransport();
    return code;
  }),
);

/**
 * While `enabled` (the device check of a visit that can still happen), keeps the call prepared
 * (lib/prepared-call.ts, PreparedCall) with `localStream` once there is one. `firstOffer`: this
 * person makes the first offer of their pairs (the doctor: libs/room-engine `isPoliteTowards`).
 * Not with the plain-WebSocket transport: its server seats a connection in the room as it opens.
 */
export function usePreparedCall(
  signalingUrl: string,
  roomId: string | null,
  localStream: MediaStream | null,
  { enabled, firstOffer, unavailable }: { enabled: boolean; firstOffer: boolean; unavailable: Unavailable },
): void {
  const call = useLazyModule(callCode);
  const { audio, video } = unavailable;
  useEffect(() => {
    if (!call || !enabled || !roomId || call.plainTransport()) return;
    return call.prepareCall(signalingUrl, roomId, { localStream, offer: firstOffer, unavailable: { audio, video } });
  }, [call, signalingUrl, roomId, localStream, enabled, firstOffer, audio, video]);
}

/**
 * The person clicked Join: the prepared call joins now (lib/prepared-call.ts). Before its code is in,
 * nothing is prepared, and the call screen connects by itself.
 */
export function joinPreparedCall(signalingUrl: string, roomId: string): void {
  callCode.loaded?.joinPreparedCall(signalingUrl, roomId);
}
