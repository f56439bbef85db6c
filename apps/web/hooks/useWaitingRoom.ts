'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { SignalingSocket } from '@telehealth/call-engine';
import { SignalingEvent, type WaitingPatient } from '@telehealth/contracts';
import { beep, notificationsSupported, notify } from '@/lib/alerts';

export type NotificationPermissionState = NotificationPermission | 'unsupported';

export interface WaitingRoomState {
  /** Who waits now, who came first first. */
  waiting: WaitingPatient[];
  notificationPermission: NotificationPermissionState;
  requestNotifications: () => Promise<void>;
}

/**
 * The doctor's live waiting room over the dashboard's signaling socket: `waiting-room-updated`.
 * A patient who was not in the previous list is "new": beep + notification.
 */
export function useWaitingRoom(socket: SignalingSocket | null): WaitingRoomState {
  const [waiting, setWaiting] = useState<WaitingPatient[]>([]);
  const [permission, setPermission] = useState<NotificationPermissionState>('default');
  const known = useRef<Set<string> | null>(null);

  useEffect(() => {
    setPermission(notificationsSupported() ? Notification.permission : 'unsupported');
  }, []);

  useEffect(() => {
    if (!socket) return;
    const onUpdate = (event: { waiting: WaitingPatient[] }) => {
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
    };
    socket.on(SignalingEvent.WaitingRoomUpdated, onUpdate);
    return () => {
      socket.off(SignalingEvent.WaitingRoomUpdated, onUpdate);
    };
  }, [socket]);

  const requestNotifications = useCallback(async () => {
    if (!notificationsSupported()) return;
    const result = await Notification.requestPermission();
    setPermission(result);
  }, []);

  return { waiting, notificationPermission: permission, requestNotifications };
}
