'use client';

import { useEffect } from 'react';
import type { SignalingSocket } from '@telehealth/call-engine';
import { SignalingEvent, type VisitUpdatedEvent } from '@telehealth/contracts';

/**
 * Hands each `visit-updated` on `socket` to `onUpdate`: the dashboards patch their query cache with it
 * (useVisitUpdates), the visit page its appointment (useVisitAppointment). `onUpdate` should be stable.
 */
export function useVisitUpdated(socket: SignalingSocket | null, onUpdate: (event: VisitUpdatedEvent) => void): void {
  useEffect(() => {
    if (!socket) return;
    socket.on(SignalingEvent.VisitUpdated, onUpdate);
    return () => {
      socket.off(SignalingEvent.VisitUpdated, onUpdate);
    };
  }, [socket, onUpdate]);
}
