'use client';

import { useCallback, useState } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { SignalingSocket } from '@telehealth/call-engine';
import type { AppointmentResponse, VisitUpdatedEvent } from '@telehealth/contracts';
import { useSignedIn } from '@/components/auth/SignedInContext';
import { isAppointmentPage, needsRefetch, pageWithVisitUpdate, visitChangeText } from '@/lib/live-visits';
import { queryKeys } from '@/lib/query-keys';
import { useVisitUpdated } from './useVisitUpdated';

/**
 * Applies `visit-updated` to the appointment lists in this tab's cache: a row is patched at once;
 * a visit the lists cannot show by patching (new, gone from the list, moved in it) has the lists
 * fetched again. Returns the visit as it was before. (The visit page keeps its appointment itself:
 * hooks/useVisitAppointment.ts.)
 */
export function applyVisitUpdate(client: QueryClient, event: VisitUpdatedEvent): AppointmentResponse | undefined {
  let before: AppointmentResponse | undefined;
  for (const [key, data] of client.getQueriesData({ queryKey: queryKeys.appointments })) {
    if (!isAppointmentPage(data)) continue;
    before ??= data.items.find((a) => a.id === event.appointmentId);
    client.setQueryData(key, pageWithVisitUpdate(data, event));
  }
  if (needsRefetch(before, event)) {
    void client.invalidateQueries({ queryKey: queryKeys.appointments, predicate: (query) => isAppointmentPage(query.state.data) });
  }
  return before;
}

export interface VisitChangeNotice {
  text: string;
  at: number;
}

export interface LiveVisits {
  /** Since when the patient of each visit waits (ISO), as the last `visit-updated` said; absent when not told yet. */
  waitingSince: Readonly<Record<string, string | null>>;
  /** The last visit of the lists someone cancelled or moved, in words, for the page to announce. */
  notice: VisitChangeNotice | null;
}

/** Keeps a dashboard's appointment lists in step with `visit-updated` on its `socket`. */
export function useVisitUpdates(socket: SignalingSocket | null): LiveVisits {
  const client = useQueryClient();
  const t = useTranslations('schedule');
  const { user } = useSignedIn();
  const [waitingSince, setWaitingSince] = useState<Record<string, string | null>>({});
  const [notice, setNotice] = useState<VisitChangeNotice | null>(null);
  const viewer = user.role === 'DOCTOR' ? 'doctor' : 'patient';
  const zone = user.timeZone;

  const onUpdate = useCallback(
    (event: VisitUpdatedEvent) => {
      const before = applyVisitUpdate(client, event);
      setWaitingSince((current) => ({ ...current, [event.appointmentId]: event.patientWaitingSince }));
      const text = visitChangeText(t, before, event, viewer, zone);
      if (text) setNotice({ text, at: Date.now() });
    },
    [client, t, viewer, zone],
  );
  useVisitUpdated(socket, onUpdate);

  return { waitingSince, notice };
}
