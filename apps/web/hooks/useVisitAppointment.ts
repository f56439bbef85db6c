'use client';

import { useCallback, useEffect, useState } from 'react';
import type { AppointmentResponse, VisitUpdatedEvent } from '@telehealth/contracts';
import { apiRequest, errorMessage, errorReason } from '@/lib/api-client';
import { withVisitUpdate } from '@/lib/visit-update';

/** The appointment of the visit `sessionId`, or null when it is not one of the user's. */
async function fetchVisitAppointment(sessionId: string): Promise<AppointmentResponse | null> {
  try {
    return await apiRequest<AppointmentResponse>(`/sessions/${encodeURIComponent(sessionId)}/appointment`);
  } catch (e) {
    if (errorReason(e) === 'not_found') return null;
    throw e;
  }
}

interface Fetched {
  sessionId: string;
  appointment: AppointmentResponse | null;
  error: string | null;
}

export interface VisitAppointment {
  appointment: AppointmentResponse | null;
  /** Until the first answer: a fetch again (`refresh`) shows what it has meanwhile. */
  loading: boolean;
  /** The last fetch's failure; what an earlier one brought stays in `appointment`. */
  error: string | null;
  /** `visit-updated` on the call's socket: the appointment as it is now, at once. */
  applyUpdate: (event: VisitUpdatedEvent) => void;
  /** Fetches the appointment again: the visit was ended here. */
  refresh: () => void;
}

/**
 * The user's appointment whose visit (session) is `sessionId`, for the visit page. Plain state, not
 * the dashboards' query cache: the patient's page does without react-query.
 */
export function useVisitAppointment(sessionId: string): VisitAppointment {
  const [fetched, setFetched] = useState<Fetched | null>(null);
  const [refreshes, setRefreshes] = useState(0);

  useEffect(() => {
    let current = true;
    fetchVisitAppointment(sessionId).then(
      (appointment) => {
        if (current) setFetched({ sessionId, appointment, error: null });
      },
      (e: unknown) => {
        if (!current) return;
        const error = errorMessage(e);
        setFetched((was) => ({ sessionId, appointment: was?.sessionId === sessionId ? was.appointment : null, error }));
      },
    );
    return () => {
      current = false;
    };
  }, [sessionId, refreshes]);

  const applyUpdate = useCallback((event: VisitUpdatedEvent) => {
    setFetched((was) =>
      was?.appointment && was.sessionId === event.sessionId ? { ...was, appointment: withVisitUpdate(was.appointment, event) } : was,
    );
  }, []);
  const refresh = useCallback(() => setRefreshes((n) => n + 1), []);

  const mine = fetched?.sessionId === sessionId ? fetched : null;
  return { appointment: mine?.appointment ?? null, loading: !mine, error: mine?.error ?? null, applyUpdate, refresh };
}
