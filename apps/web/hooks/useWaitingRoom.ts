'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { SignalingSocket } from '@telehealth/call-engine';
import { SignalingEvent, type WaitingPatient } from '@telehealth/contracts';
import { beep, notificationsSupported, notify } from '@/lib/alerts';
import { waitingRoomChangeText } from '@/lib/live-visits';

export type NotificationPermissionState = NotificationPermission | 'unsupported';

/** A change of the waiting room in words; `at` tells two equal sentences apart, so each is read out. */
export interface WaitingRoomAnnouncement {
  text: string;
  at: number;
}

export interface WaitingRoomState {
  /** Who waits now, who came first first. */
  waiting: WaitingPatient[];
  /** The last arrival or departure, for a screen reader; null before any. */
  announcement: WaitingRoomAnnouncement | null;
  notificationPermission: NotificationPermissionState;
  requestNotifications: () => Promise<void>;
}

/**
 * The doctor's live waiting room over the dashboard's signaling socket: `waiting-room-updated`.
 * A patient who was not in the previous list is "new": beep + notification; who came and went is
 * also said in words, once each (the list's waiting times tick, so they are never announced).
 */
export function useWaitingRoom(socket: SignalingSocket | null): WaitingRoomState {
  const t = useTranslations('schedule');
  const [waiting, setWaiting] = useState<WaitingPatient[]>([]);
  const [permission, setPermission] = useState<NotificationPermissionState>('default');
  const [announcement, setAnnouncement] = useState<WaitingRoomAnnouncement | null>(null);
  const known = useRef<WaitingPatient[] | null>(null);

  useEffect(() => {
    setPermission(notificationsSupported() ? Notification.permission : 'unsupported');
  }, []);

  useEffect(() => {
    if (!socket) return;
    const onUpdate = (event: { waiting: WaitingPatient[] }) => {
      const list = [...event.waiting].sort((a, b) => Date.parse(a.since) - Date.parse(b.since));
      const previous = known.current;
      const arrivals = previous ? list.filter((w) => !previous.some((p) => p.sessionId === w.sessionId)) : list;
      known.current = list;
      setWaiting(list);
      const change = waitingRoomChangeText(t, previous, list);
      if (change) setAnnouncement({ text: change, at: Date.now() });
      if (arrivals.length > 0) {
        beep();
        for (const w of arrivals) {
          notify(t('room.notifyTitle', { name: w.patient.name }), t('room.notifyBody', { reason: w.reason }), () => {
            window.location.assign(`/visit/${w.sessionId}`);
          });
        }
      }
    };
    socket.on(SignalingEvent.WaitingRoomUpdated, onUpdate);
    return () => {
      socket.off(SignalingEvent.WaitingRoomUpdated, onUpdate);
    };
  }, [socket, t]);

  const requestNotifications = useCallback(async () => {
    if (!notificationsSupported()) return;
    const result = await Notification.requestPermission();
    setPermission(result);
  }, []);

  return { waiting, announcement, notificationPermission: permission, requestNotifications };
}
