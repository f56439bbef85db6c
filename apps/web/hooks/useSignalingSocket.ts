'use client';

import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { SocketIoSignalingSocket, type SignalingSocket } from '@telehealth/call-engine';
import { SIGNALING_NAMESPACE } from '@telehealth/contracts';
import { useSignedIn } from '@/components/auth/SignedInContext';
import { fetchSignalingTicket } from '@/lib/api-client';
import { ticketAuth } from '@/lib/signaling-auth';

export type SignalingConnection = 'connecting' | 'live' | 'offline';

export interface SignalingLink {
  /** Null until the socket exists; hooks that listen on it subscribe once it does. */
  socket: SignalingSocket | null;
  connection: SignalingConnection;
  /** Why live updates are unavailable, when they are, in the reader's language. */
  error: string | null;
}

/**
 * The one signaling socket of a page that listens without being in a room (the dashboards):
 * the doctor's waiting room and `visit-updated` arrive on it. It connects only after the
 * render that handed it out, so the listeners of that render are there for the first events
 * (the server sends the doctor's waiting room as soon as the socket is in).
 */
export function useSignalingSocket(): SignalingLink {
  const t = useTranslations('call');
  const { signalingUrl } = useSignedIn();
  const [socket, setSocket] = useState<SignalingSocket | null>(null);
  const [connection, setConnection] = useState<SignalingConnection>('connecting');
  // The socket's own (technical) words for the failure, '' when it gave none; null while there is none.
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    const next = new SocketIoSignalingSocket({
      url: `${signalingUrl}${SIGNALING_NAMESPACE}`,
      auth: ticketAuth(fetchSignalingTicket),
      autoConnect: false,
    }).asSignalingSocket();
    next.on('connect', () => {
      setConnection('live');
      setFailure(null);
    });
    next.on('disconnect', () => setConnection('offline'));
    next.on('connect_error', (err) => {
      setConnection('offline');
      setFailure(err.message ?? '');
    });
    setSocket(next);
    return () => {
      next.removeAllListeners();
      next.disconnect();
      setSocket(null);
    };
  }, [signalingUrl]);

  useEffect(() => {
    socket?.connect();
  }, [socket]);

  const error = failure === null ? null : failure ? t('liveUpdates.unavailableDetail', { detail: failure }) : t('liveUpdates.unavailable');
  return { socket, connection, error };
}
