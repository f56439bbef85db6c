import { createContext } from 'react';
/** When nothing names a locale (outside a page). */
export const DEFAULT_LOCALE = 'en-US';

/** The page's locale for dates and times, given once by `LocaleProvider` (app/layout.tsx) from the request. */
export const LocaleContext = createContext<string | null>(null);

// The browser's locale for formatting outside a render (an effect, an event handler): one person per
// page, so a module value is theirs. Never set on the server, where one module serves every request.
let pageLocale: string | null = null;

/** Called by `LocaleProvider` in the browser, so formatting outside a render uses the page's locale too. */
export function setPageLocale(locale: string): void {
  if (typeof window !== 'undefined') pageLocale = locale;
}

/**
 * The locale to format in now. During a render it is the nearest `LocaleProvider`'s value: React keeps
 * a context's current value on the context object while it renders a part of the tree, and restores
 * it when a suspended part resumes later. On the server, where the renders of many requests
 * interleave, each part of each page so reads its own request's locale, which a module value could
 * not promise. Outside a render: the page's locale in the browser, else the default.
 */
export function currentLocale(): string {
  const rendering = (LocaleContext as unknown as { _currentValue: string | null })._currentValue;
  return rendering ?? pageLocale ?? DEFAULT_LOCALE;
}
