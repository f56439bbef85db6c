'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import type { CallView } from '@/hooks/useCall';
import { verifiablePeers } from '@/lib/call-view';
import { callErrorText } from '@/lib/call-words';

/**
 * The verified-call code of each pair this side shares with the doctor: the same six digits on both
 * screens when nobody sits in between. The doctor marks a pair verified once the codes were read
 * aloud and matched; both sides then show "Verified call".
 */
export function VerificationPanel({ call, isDoctor }: { call: CallView; isDoctor: boolean }) {
  const t = useTranslations('call');
  const common = useTranslations('common');
  const [marking, setMarking] = useState<string | null>(null);
  // The refusal itself: worded at render from its reason, in the reader's language.
  const [error, setError] = useState<unknown>(null);
  const pairs = verifiablePeers(call.peers, isDoctor);
  if (pairs.length === 0) return null;

  const mark = (userId: string) => {
    setMarking(userId);
    setError(null);
    call
      .markVerified(userId)
      .catch((failure: unknown) => setError(failure ?? new Error()))
      .finally(() => setMarking(null));
  };

  return (
    <section className="verification" aria-label={t('verification.label')} data-testid="verification-panel">
      <ul className="verification-list">
        {pairs.map((peer) => {
          const { userId, name } = peer.participant;
          return (
            <li key={userId} className="verification-pair">
              <span>
                {t.rich('verification.codeWith', {
                  name,
                  code: peer.verificationCode ?? '',
                  strong: (chunks) => (
                    <strong className="verification-code" data-peer-id={userId} data-testid="verification-code">
                      {chunks}
                    </strong>
                  ),
                })}
              </span>
              {peer.verified ? (
                <span className="verified-badge" data-peer-id={userId} data-testid="call-verified">
                  <span aria-hidden="true">✓ </span>
                  {t('verification.verified')}
                </span>
              ) : (
                isDoctor && (
                  <button
                    type="button"
                    className="btn btn-secondary btn-small"
                    onClick={() => mark(userId)}
                    disabled={marking !== null}
                    data-peer-id={userId}
                    data-testid="mark-verified"
                  >
                    {t('verification.codesMatch')}
                    <span className="visually-hidden"> {t('verification.codesMatchHidden', { name })}</span>
                  </button>
                )
              )}
            </li>
          );
        })}
      </ul>
      <p className="hint verification-hint">{t('verification.explained')}</p>
      {error !== null && (
        <p className="alert alert-error" role="alert">
          {callErrorText(t, common, error)}
        </p>
      )}
    </section>
  );
}
