'use client';

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Role } from '@telehealth/contracts';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  timeZone: string;
}

/** What client components know of the session: who is signed in and where the signaling socket is. No token. */
export interface ClientSession {
  user: SessionUser;
  /** The API's public origin, for the Socket.IO connection (REST goes through this site's /bff). */
  signalingUrl: string;
}

const Context = createContext<ClientSession | null>(null);

/** Hands the signed-in user and the run-time signaling URL from server components to client hooks. */
export function SessionContextProvider({ value, children }: { value: ClientSession; children: ReactNode }) {
  const memo = useMemo(() => value, [value.signalingUrl, value.user.id]); // eslint-disable-line react-hooks/exhaustive-deps
  return <Context.Provider value={memo}>{children}</Context.Provider>;
}

export function useClientSession(): ClientSession {
  const value = useContext(Context);
  if (!value) throw new Error('useClientSession must be used inside SessionContextProvider');
  return value;
}
