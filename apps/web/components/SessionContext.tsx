'use client';

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Role } from '@telehealth/contracts';
import type { ApiContext } from '@/lib/api-client';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  timeZone: string;
}

export interface ClientSession extends ApiContext {
  user: SessionUser;
}

const Context = createContext<ClientSession | null>(null);

/** Hands the run-time API URL and the session's token from server components to client hooks. */
export function SessionContextProvider({ value, children }: { value: ClientSession; children: ReactNode }) {
  const memo = useMemo(() => value, [value.apiUrl, value.token, value.user.id]); // eslint-disable-line react-hooks/exhaustive-deps
  return <Context.Provider value={memo}>{children}</Context.Provider>;
}

export function useClientSession(): ClientSession {
  const value = useContext(Context);
  if (!value) throw new Error('useClientSession must be used inside SessionContextProvider');
  return value;
}
