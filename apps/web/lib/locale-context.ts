/** When nothing names a locale (outside a page). */
export const DEFAULT_LOCALE = 'en-US';

/**
 * The React context `LocaleProvider` gives the page's locale with (lib/locale-react-context.ts), once
 * that module is loaded. It is not created here: server components import this module too (through
 * lib/time and lib/api-client), and React's server build has no `createContext`.
 */
let rendering: { _currentValue: string | null } | null = null;

/** Called by lib/locale-react-context.ts as it creates the context. */
export function readRenderedLocaleFrom(context: object): void {
  rendering = context as { _currentValue: string | null };
}

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
  return rendering?._currentValue ?? pageLocale ?? DEFAULT_LOCALE;
}
