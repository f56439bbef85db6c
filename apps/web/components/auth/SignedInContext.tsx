'use client';

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { User } from '@/types/user';

/** What client components know of the signed-in person and where the signaling socket is. No token. */
export interface SignedIn {
  user: User;
  /** The API's public origin, for the Socket.IO connection (REST goes through this site's /bff). */
  signalingUrl: string;
}

const Context = createContext<SignedIn | null>(null);

/** Hands the signed-in user and the run-time signaling URL from server components to client hooks. */
export function SignedInProvider({ value, children }: { value: SignedIn; children: ReactNode }) {
  const memo = useMemo(() => value, [value.signalingUrl, value.user.id]); // eslint-disable-line react-hooks/exhaustive-deps
  return <Context.Provider value={memo}>{children}</Context.Provider>;
}

export function useSignedIn(): SignedIn {
  const value = useContext(Context);
  if (!value) throw new Error('useSignedIn must be used inside SignedInProvider');
  return value;
}
