'use client';

import { useEffect, useRef } from 'react';
import type { VisitLinkProblem } from '@/lib/visit-link-error';

function titleFor(problem: VisitLinkProblem): string {
  switch (problem.reason) {
    case 'link_expired':
      return 'This link no longer works';
    case 'not_found':
      return 'This link does not open a visit';
    case 'too_many_attempts':
    case 'rate_limited':
      return 'Too many tries';
    default:
      return 'Your visit could not be opened';
  }
}

/**
 * A visit link that did not open: the API's sentence, and the way on that fits the reason (the
 * code form for a stale or mistyped link, another try when the service or the limit was in the way).
 * Focus moves to the title, so a screen reader starts at what happened.
 */
export function VisitLinkProblemPanel({ problem, onRetry }: { problem: VisitLinkProblem; onRetry: () => void }) {
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => titleRef.current?.focus(), [problem]);
  const linkProblem = problem.reason === 'link_expired' || problem.reason === 'not_found';
  return (
    <div data-testid="visit-link-problem" data-reason={problem.reason}>
      <h1 ref={titleRef} tabIndex={-1} className="focus-target">
        {titleFor(problem)}
      </h1>
      <div className="alert alert-error" role="alert" data-testid="visit-link-error">
        {problem.sentence}
      </div>
      {linkProblem ? (
        <>
          <p>
            The clinic’s message also has an 8-character <strong>visit code</strong>. Type the code from the latest message instead:
          </p>
          <div className="actions">
            <a className="btn btn-primary" href="/join" data-testid="visit-link-to-code">
              Enter a visit code
            </a>
          </div>
          <p className="hint" style={{ marginTop: '1rem' }}>
            No newer message? Ask the clinic to send the visit link again.
          </p>
        </>
      ) : (
        <div className="actions">
          <button type="button" className="btn btn-primary" onClick={onRetry} data-testid="visit-link-retry">
            Try again
          </button>
          <a className="btn btn-secondary" href="/join">
            Enter a visit code
          </a>
        </div>
      )}
    </div>
  );
}
