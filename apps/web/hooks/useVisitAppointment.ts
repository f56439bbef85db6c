'use client';

import { useEffect, useState } from 'react';
import type { AppointmentPage, AppointmentResponse } from '@telehealth/contracts';
import { apiRequest, errorMessage } from '@/lib/api-client';

/** Finds the user's appointment whose visit (session) is `sessionId`, in upcoming then past visits. */
export function useVisitAppointment(sessionId: string) {
  const [appointment, setAppointment] = useState<AppointmentResponse | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    async function find() {
      try {
        for (const scope of ['upcoming', 'past'] as const) {
          for (let page = 1; page <= 10; page++) {
            const result = await apiRequest<AppointmentPage>(`/appointments?scope=${scope}&page=${page}&pageSize=100`);
            const match = result.items.find((a) => a.sessionId === sessionId);
            if (match) {
              if (!cancelled) setAppointment(match);
              return;
            }
            if (page * result.pageSize >= result.total) break;
          }
        }
      } catch (e) {
        if (!cancelled) setError(errorMessage(e));
      } finally {
        if (!cancelled) setLoading(false);
      }
    }
    void find();
    return () => {
      cancelled = true;
    };
  }, [sessionId]);

  return { appointment, loading, error };
}
