/** The device's own IANA time zone, or UTC when the browser does not say. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Every IANA zone this browser knows, sorted, with `include` added (a zone set elsewhere may be missing from old browsers' lists). */
export function allTimeZones(...include: string[]): string[] {
  const withValues = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  let known: string[];
  try {
    known = withValues.supportedValuesOf?.('timeZone') ?? [];
  } catch {
    known = [];
  }
  return Array.from(new Set([...known, ...include, 'UTC'])).sort();
}
