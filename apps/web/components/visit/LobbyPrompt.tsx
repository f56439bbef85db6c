'use client';

import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { LobbyGuest } from '@telehealth/contracts';
import { beep } from '@/lib/alerts';
import { lobbyArrivals } from '@/lib/lobby-arrivals';
import { callErrorText, lobbyGuestText } from '@/lib/call-words';

interface Props {
  lobby: LobbyGuest[];
  onAdmit: (guestId: string) => Promise<void>;
  onDecline: (guestId: string) => Promise<void>;
}

/**
 * For the doctor in the call: "Ana Ruiz (interpreter) is waiting — Admit / Decline". The region is
 * always on the page, so each arrival is read out; a new arrival also plays the waiting-room tone.
 */
export function LobbyPrompt({ lobby, onAdmit, onDecline }: Props) {
  const t = useTranslations('call');
  const common = useTranslations('common');
  const known = useRef<Set<string> | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // The refusal itself: worded at render from its reason, in the reader's language.
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (lobbyArrivals(known.current, lobby).length > 0) beep();
    known.current = new Set(lobby.map((guest) => guest.guestId));
  }, [lobby]);

  async function decide(guestId: string, act: (guestId: string) => Promise<void>) {
    setBusy(guestId);
    setError(null);
    try {
      await act(guestId);
    } catch (e) {
      setError(e ?? new Error());
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="lobby-prompt" aria-label={t('lobby.label')} data-empty={lobby.length === 0 && error === null} data-testid="lobby">
      <div role="status" aria-live="polite">
        {lobby.map((guest) => (
          <div key={guest.guestId} className="lobby-guest" data-testid="lobby-guest" data-guest-id={guest.guestId}>
            <span className="lobby-guest-text">{lobbyGuestText(t, guest)}</span>
            <span className="actions">
              <button
                type="button"
                className="btn btn-primary btn-small"
                disabled={busy !== null}
                onClick={() => void decide(guest.guestId, onAdmit)}
                aria-label={t('lobby.admitLabel', { name: guest.name })}
                data-testid="admit-guest"
              >
                {t('lobby.admit')}
              </button>
              <button
                type="button"
                className="btn btn-secondary btn-small"
                disabled={busy !== null}
                onClick={() => void decide(guest.guestId, onDecline)}
                aria-label={t('lobby.declineLabel', { name: guest.name })}
                data-testid="decline-guest"
              >
                {t('lobby.decline')}
              </button>
            </span>
          </div>
        ))}
      </div>
      {error !== null && (
        <div className="alert alert-error" role="alert" data-testid="lobby-error">
          {callErrorText(t, common, error)}
        </div>
      )}
    </section>
  );
}
