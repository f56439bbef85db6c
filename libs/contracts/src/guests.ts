/** What a guest of a visit is there as. */
export const GUEST_ROLES = ['INTERPRETER', 'CAREGIVER', 'CLINICIAN', 'OTHER'] as const;
export type GuestRole = (typeof GUEST_ROLES)[number];

/** How a guest's role reads in a sentence: "Ana Ruiz (interpreter)". */
export const GUEST_ROLE_LABELS: Record<GuestRole, string> = {
  INTERPRETER: 'interpreter',
  CAREGIVER: 'caregiver',
  CLINICIAN: 'clinician',
  OTHER: 'guest',
};
