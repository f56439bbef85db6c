import { createContext } from 'react';
import { readRenderedLocaleFrom } from './locale-context';

/** The page's locale for dates and times, given once by `LocaleProvider` (app/layout.tsx) from the request. */
export const LocaleContext = createContext<string | null>(null);
readRenderedLocaleFrom(LocaleContext);
