import type { Language } from '@telehealth/contracts';
import type messages from '@/messages/en';

// Message keys and their ICU arguments are checked by the compiler against the English catalogue;
// the other languages are held to the same keys by i18n/catalogues.spec.ts.
declare module 'next-intl' {
  interface AppConfig {
    Locale: Language;
    Messages: typeof messages;
  }
}
