'use client';

import type { ComponentProps } from 'react';
import { tabQueryClient } from '@/lib/query-client';
import { queryKeys } from '@/lib/query-keys';
import { QueryProvider } from '@/components/common/QueryProvider';
import { VisitGuests } from '@/components/guests/VisitGuests';

// The doctor's guests panel in the call (CallScreen's GuestsPanel fetches this module on the doctor's
// screen only): the dashboard's VisitGuests with the query cache it keeps the list in, which the visit
// page does not provide, so that a patient's page never loads react-query.

export function CallGuests(props: ComponentProps<typeof VisitGuests>) {
  return (
    <QueryProvider>
      <VisitGuests {...props} />
    </QueryProvider>
  );
}

/** The doctor took a guest out of the call: the visit's guest list is fetched again. */
export function guestsChanged(appointmentId: string): void {
  void tabQueryClient().invalidateQueries({ queryKey: queryKeys.visitGuests(appointmentId) });
}
