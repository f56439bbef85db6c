'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppointmentPage, AppointmentResponse } from '@telehealth/contracts';
import { apiRequest, errorMessage } from '@/lib/api-client';

export interface AppointmentsState {
  items: AppointmentResponse[];
  total: number;
  loading: boolean;
  error: string | null;
  reload: () => Promise<void>;
}

/** The signed-in user's appointments of one scope, refreshed every `refreshMs` and on demand. */
export function useAppointments(scope: 'upcoming' | 'past', pageSize = 50, refreshMs = 60_000): AppointmentsState {
  const [items, setItems] = useState<AppointmentResponse[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const alive = useRef(true);

  const reload = useCallback(async () => {
    try {
      const page = await apiRequest<AppointmentPage>(`/appointments?scope=${scope}&page=1&pageSize=${pageSize}`);
      if (!alive.current) return;
      setItems(page.items);
      setTotal(page.total);
      setError(null);
    } catch (e) {
      if (alive.current) setError(errorMessage(e));
    } finally {
      if (alive.current) setLoading(false);
    }
  }, [scope, pageSize]);

  useEffect(() => {
    alive.current = true;
    void reload();
    const id = window.setInterval(() => void reload(), refreshMs);
    return () => {
      alive.current = false;
      window.clearInterval(id);
    };
  }, [reload, refreshMs]);

  return { items, total, loading, error, reload };
}
