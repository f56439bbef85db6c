'use client';

import { useEffect, useState } from 'react';
import type { FindPatientsResponse, PatientSummary } from '@telehealth/contracts';
import { apiRequest, errorMessage } from '@/lib/api-client';

/** Live search of patients by name or email, debounced; the latest answer wins. */
export function usePatientSearch(query: string, enabled = true, debounceMs = 250) {
  const [results, setResults] = useState<PatientSummary[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    setLoading(true);
    const search = async () => {
      try {
        const page = await apiRequest<FindPatientsResponse>(`/patients?query=${encodeURIComponent(query.trim())}&limit=8`);
        if (!cancelled) {
          setResults(page.items);
          setError(null);
        }
      } catch (e) {
        if (!cancelled) setError(errorMessage(e));
      } finally {
        if (!cancelled) setLoading(false);
      }
    };
    const id = window.setTimeout(() => void search(), debounceMs);
    return () => {
      cancelled = true;
      window.clearTimeout(id);
    };
  }, [query, enabled, debounceMs]);

  return { results, loading, error };
}
