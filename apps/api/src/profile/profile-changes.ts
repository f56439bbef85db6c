import type { Role, UpdateProfileRequest } from '@telehealth/contracts';

const FIELDS = ['name', 'timeZone', 'language'] as const;
type ProfileField = (typeof FIELDS)[number];

/**
 * What each role may change about itself. A guest's name is the one their doctor gave them when inviting
 * them: it is how the call, the chat, the record and the report name them, so only the doctor sets it.
 */
const EDITABLE: Readonly<Record<Role, ReadonlySet<ProfileField>>> = {
  DOCTOR: new Set(FIELDS),
  PATIENT: new Set(FIELDS),
  ADMIN: new Set(FIELDS),
  GUEST: new Set<ProfileField>(['timeZone', 'language']),
};

/** The profile fields a request sends, in a fixed order: what the audit row names (never the values). */
export function sentFields(request: UpdateProfileRequest): ProfileField[] {
  return FIELDS.filter((field) => request[field] !== undefined);
}

/** The fields of `request` that `role` may not change; empty when the request is allowed. */
export function refusedFields(role: Role, request: UpdateProfileRequest): ProfileField[] {
  return sentFields(request).filter((field) => !EDITABLE[role].has(field));
}
