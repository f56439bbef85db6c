'use client';

import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useId, useTransition } from 'react';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES } from '@telehealth/contracts';
import { LANGUAGE_COOKIE } from '@/i18n/language';
import styles from './LanguagePicker.module.css';

const ONE_YEAR_S = 365 * 24 * 60 * 60;

/**
 * The language of the public pages for a visitor who is not signed in: the choice is kept in a
 * cookie for a year (i18n/language.ts reads it) and the page is drawn again in it. Each language is
 * listed by its own name. A signed-in person's language is their account's (the profile page).
 */
export function LanguagePicker() {
  const t = useTranslations('common');
  const language = useLocale();
  const router = useRouter();
  const id = useId();
  const [changing, startChanging] = useTransition();

  function choose(value: string) {
    if (!isLanguage(value) || value === language) return;
    const secure = window.location.protocol === 'https:' ? '; Secure' : '';
    document.cookie = `${LANGUAGE_COOKIE}=${value}; Path=/; Max-Age=${ONE_YEAR_S}; SameSite=Lax${secure}`;
    startChanging(() => router.refresh());
  }

  return (
    <div className={styles.picker}>
      <label htmlFor={id}>{t('languagePicker.label')}</label>
      {/* Keyed by the page's language: once the page is drawn in the new one, the menu shows it. */}
      <select
        key={language}
        id={id}
        className={styles.select}
        defaultValue={language}
        onChange={(event) => choose(event.target.value)}
        aria-busy={changing || undefined}
        data-testid="language-picker"
      >
        {LANGUAGES.map((option) => (
          <option key={option} value={option} lang={option}>
            {LANGUAGE_NAMES[option]}
          </option>
        ))}
      </select>
    </div>
  );
}
