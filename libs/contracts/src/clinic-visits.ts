/**
 * Where a visit stands, as the admin's list tabs it: `upcoming` (scheduled, the call not open yet),
 * `in-progress` (its call is open), `past` (ended, cancelled, missed, or its time is over).
 */
export const CLINIC_VISIT_PHASES = ['upcoming', 'in-progress', 'past'] as const;
export type ClinicVisitPhase = (typeof CLINIC_VISIT_PHASES)[number];
