'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import {
  SIGNALING_NAMESPACE,
  SignalingEvent,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type WaitingPatient,
} from '@telehealth/contracts';
import { useSignedIn } from '@/components/auth/SignedInContext';
import { beep, notificationsSupported, notify } from '@/lib/alerts';
import { fetchSignalingTicket } from '@/lib/api-client';
import { ticketAuth } from '@/lib/signaling-auth';

export type WaitingRoomConnection = 'connecting' | 'live' | 'offline';
export type NotificationPermissionState = NotificationPermission | 'unsupported';

/**
 * The doctor's live waiting room: a socket to the signaling namespace that receives
 * `waiting-room-updated`. A patient who was not in the previous list is "new": beep + notification.
 */
export function useWaitingRoom() {
  const session = useSignedIn();
  const [waiting, setWaiting] = useState<WaitingPatient[]>([]);
  const [connection, setConnection] = useState<WaitingRoomConnection>('connecting');
  const [error, setError] = useState<string | null>(null);
  const [permission, setPermission] = useState<NotificationPermissionState>('default');
  const known = useRef<Set<string> | null>(null);

  useEffect(() => {
    setPermission(notificationsSupported() ? Notification.permission : 'unsupported');
  }, []);

  useEffect(() => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(`${session.signalingUrl}${SIGNALING_NAMESPACE}`, {
      auth: ticketAuth(fetchSignalingTicket),
      transports: ['websocket'],
    });
    socket.on('connect', () => {
      setConnection('live');
      setError(null);
    });
    socket.on('disconnect', () => setConnection('offline'));
    socket.on('connect_error', (err) => {
      setConnection('offline');
      setError(err.message ? `Live updates are unavailable: ${err.message}` : 'Live updates are unavailable.');
    });
    socket.on(SignalingEvent.WaitingRoomUpdated, (event) => {
      const list = [...event.waiting].sort((a, b) => Date.parse(a.since) - Date.parse(b.since));
      const previous = known.current;
      const arrivals = previous ? list.filter((w) => !previous.has(w.sessionId)) : list;
      known.current = new Set(list.map((w) => w.sessionId));
      setWaiting(list);
      if (arrivals.length > 0) {
        beep();
        for (const w of arrivals) {
          notify(`${w.patient.name} is waiting`, `Visit: ${w.reason}`, () => {
            window.location.assign(`/visit/${w.sessionId}`);
          });
        }
      }
    });
    return () => {
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [session.signalingUrl]);

  const requestNotifications = useCallback(async () => {
    if (!notificationsSupported()) return;
    const result = await Notification.requestPermission();
    setPermission(result);
  }, []);

  return { waiting, connection, error, notificationPermission: permission, requestNotifications };
}
