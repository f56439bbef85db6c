'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { VISIT_CODE_LENGTH } from '@telehealth/contracts';
import type { Translator } from '@/i18n/translator';
import { visitLinkSentence, type VisitLinkProblem } from '@/lib/visit-link-error';

function titleFor(problem: VisitLinkProblem, t: Translator<'visitLink'>): string {
  switch (problem.reason) {
    case 'link_expired':
      return t('problem.titleExpired');
    case 'not_found':
      return t('problem.titleNotFound');
    case 'too_many_attempts':
    case 'rate_limited':
      return t('problem.titleTooMany');
    default:
      return t('problem.titleOther');
  }
}

/**
 * A visit link that did not open: what went wrong in words, and the way on that fits the reason (the
 * code form for a stale or mistyped link, another try when the service or the limit was in the way).
 * Focus moves to the title, so a screen reader starts at what happened.
 */
export function VisitLinkProblemPanel({ problem, onRetry }: { problem: VisitLinkProblem; onRetry: () => void }) {
  const t = useTranslations('visitLink');
  const language = useLocale();
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => titleRef.current?.focus(), [problem]);
  const linkProblem = problem.reason === 'link_expired' || problem.reason === 'not_found';
  return (
    <div data-testid="visit-link-problem" data-reason={problem.reason}>
      <h1 ref={titleRef} tabIndex={-1} className="focus-target">
        {titleFor(problem, t)}
      </h1>
      <div className="alert alert-error" role="alert" data-testid="visit-link-error">
        {visitLinkSentence(problem, t, language)}
      </div>
      {linkProblem ? (
        <>
          <p>{t.rich('problem.useCode', { length: VISIT_CODE_LENGTH, strong: (chunks) => <strong>{chunks}</strong> })}</p>
          <div className="actions">
            <a className="btn btn-primary" href="/join" data-testid="visit-link-to-code">
              {t('problem.toCode')}
            </a>
          </div>
          <p className="hint" style={{ marginTop: '1rem' }}>
            {t('problem.noNewer')}
          </p>
        </>
      ) : (
        <div className="actions">
          <button type="button" className="btn btn-primary" onClick={onRetry} data-testid="visit-link-retry">
            {t('problem.retry')}
          </button>
          <a className="btn btn-secondary" href="/join">
            {t('problem.toCode')}
          </a>
        </div>
      )}
    </div>
  );
}
