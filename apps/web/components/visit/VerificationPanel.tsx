'use client';

import { useState } from 'react';
import type { CallView } from '@/hooks/useCall';
import { errorMessage } from '@/lib/api-client';
import { verifiablePeers } from '@/lib/call-view';
import { VERIFICATION_EXPLAINED } from '@/lib/call-words';

/**
 * The verified-call code of each pair this side shares with the doctor: the same six digits on both
 * screens when nobody sits in between. The doctor marks a pair verified once the codes were read
 * aloud and matched; both sides then show "Verified call".
 */
export function VerificationPanel({ call, isDoctor }: { call: CallView; isDoctor: boolean }) {
  const [marking, setMarking] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pairs = verifiablePeers(call.peers, isDoctor);
  if (pairs.length === 0) return null;

  const mark = (userId: string) => {
    setMarking(userId);
    setError(null);
    call
      .markVerified(userId)
      .catch((failure: unknown) => setError(errorMessage(failure)))
      .finally(() => setMarking(null));
  };

  return (
    <section className="verification" aria-label="Verified-call code" data-testid="verification-panel">
      <ul className="verification-list">
        {pairs.map((peer) => {
          const { userId, name } = peer.participant;
          return (
            <li key={userId} className="verification-pair">
              <span>
                Verification code with {name}:{' '}
                <strong className="verification-code" data-peer-id={userId} data-testid="verification-code">
                  {peer.verificationCode}
                </strong>
              </span>
              {peer.verified ? (
                <span className="verified-badge" data-peer-id={userId} data-testid="call-verified">
                  <span aria-hidden="true">✓ </span>
                  Verified call
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
                    Codes match
                    <span className="visually-hidden"> with {name}</span>
                  </button>
                )
              )}
            </li>
          );
        })}
      </ul>
      <p className="hint verification-hint">{VERIFICATION_EXPLAINED}</p>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
