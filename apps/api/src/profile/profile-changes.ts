import type { UpdateProfileRequest } from '@telehealth/contracts';

const FIELDS = ['name', 'timeZone', 'language'] as const;

/** The profile fields a request changes, in a fixed order: what the audit row names (never the values). */
export function changedFields(request: UpdateProfileRequest): Array<(typeof FIELDS)[number]> {
  return FIELDS.filter((field) => request[field] !== undefined);
}
