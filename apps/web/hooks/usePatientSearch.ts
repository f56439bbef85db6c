'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { FindPatientsResponse, PatientSummary } from '@telehealth/contracts';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** `value`, once it has stopped changing for `delayMs`. */
function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const id = window.setTimeout(() => setSettled(value), delayMs);
    return () => window.clearTimeout(id);
  }, [value, delayMs]);
  return settled;
}

/**
 * Live search of patients by name or email, debounced; the answers shown stay until the next arrive.
 * `failed` says the last search was refused or did not arrive (the picker says so in words).
 */
export function usePatientSearch(
  query: string,
  enabled = true,
  debounceMs = 250,
): { results: PatientSummary[]; loading: boolean; failed: boolean } {
  const settled = useDebounced(query.trim(), debounceMs);
  const result = useQuery({
    queryKey: queryKeys.patientSearch(settled),
    queryFn: () => apiRequest<FindPatientsResponse>(`/patients?query=${encodeURIComponent(settled)}&limit=8`),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const typing = settled !== query.trim();
  return {
    results: result.data?.items ?? [],
    loading: enabled && (typing || result.isFetching),
    failed: result.error !== null,
  };
}
