'use client';

import { signIn, signOut } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useCallback, useState } from 'react';
import { clearQueryCache } from '@/lib/tab-query-cache';
import { unpackVisitLinkProblem, type VisitLinkProblem } from '@/lib/visit-link-error';

export type VisitLinkCredentials = { token: string } | { code: string };

export type VisitLinkSignIn = { status: 'idle' | 'opening' | 'opened' } | { status: 'failed'; problem: VisitLinkProblem };

/** No answer from this site at all: the browser is offline, or the site is down. */
const UNREACHABLE: VisitLinkProblem = { reason: 'service_unavailable', said: 'offline' };

/**
 * Signs the browser in with a visit link's token or a typed code (next-auth's `visit-link`
 * provider) and goes to `/`, which sends the session on to its visit's device check (or, once the
 * visit is over, to its record). `replacing` first signs out the password session this browser
 * had, as its Sign out button would; a session from an earlier link is simply replaced.
 */
export function useVisitLinkSignIn(): VisitLinkSignIn & {
  /** Resolves true once signed in (the page is on its way to the visit), false when refused. */
  open: (credentials: VisitLinkCredentials, replacing?: boolean) => Promise<boolean>;
  /** Forgets a refusal (the person is correcting what they typed). */
  reset: () => void;
} {
  const router = useRouter();
  const [state, setState] = useState<VisitLinkSignIn>({ status: 'idle' });

  const open = useCallback(
    async (credentials: VisitLinkCredentials, replacing = false): Promise<boolean> => {
      setState({ status: 'opening' });
      try {
        if (replacing) await signOut({ redirect: false });
        const result = await signIn('visit-link', { ...credentials, redirect: false });
        if (!result?.ok || result.error) {
          setState({ status: 'failed', problem: result ? unpackVisitLinkProblem(result.error) : UNREACHABLE });
          return false;
        }
      } catch {
        setState({ status: 'failed', problem: UNREACHABLE });
        return false;
      }
      // Nothing cached for whoever used this tab before stays for the patient.
      clearQueryCache();
      setState({ status: 'opened' });
      // Replaced, not pushed: Back does not return to the link (nor keep its token in the history).
      router.replace('/');
      return true;
    },
    [router],
  );
  const reset = useCallback(() => setState((current) => (current.status === 'failed' ? { status: 'idle' } : current)), []);

  return { ...state, open, reset };
}
