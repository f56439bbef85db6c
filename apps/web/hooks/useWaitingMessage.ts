'use client';

import { useMutation } from '@tanstack/react-query';
import type { SignalingSocket } from '@telehealth/call-engine';
import { SignalingEvent, type Ack, type WaitingMessageRequest } from '@telehealth/contracts';
import { ApiError, reasonOfBody } from '@/lib/api-client';

const ACK_TIMEOUT_MS = 10_000;

/**
 * The message never reached the server: the socket is down (`offline`), or no acknowledgement came
 * in time (`unconfirmed`). The control says which in the reader's language; the message is for logs.
 */
export class WaitingMessageNotSent extends ApiError {
  constructor(readonly why: 'offline' | 'unconfirmed') {
    super(`waiting message not sent: ${why}`, 0, 'service_unavailable');
    this.name = 'WaitingMessageNotSent';
  }
}

/** Sends `waiting-message` and waits for its acknowledgement; a refusal becomes an ApiError with the server's reason. */
async function sendWaitingMessage(socket: SignalingSocket | null, request: WaitingMessageRequest): Promise<{ sentAt: string }> {
  if (!socket?.connected) throw new WaitingMessageNotSent('offline');
  let ack: Ack<{ sentAt: string }>;
  try {
    ack = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(SignalingEvent.WaitingMessage, request)) as Ack<{ sentAt: string }>;
  } catch {
    throw new WaitingMessageNotSent('unconfirmed');
  }
  if (!ack.ok) throw new ApiError(ack.error, ack.code, reasonOfBody(ack, ack.code));
  return { sentAt: ack.sentAt };
}

/** The doctor tells a waiting patient something short ("Running about 10 minutes late") over the dashboard's socket. */
export function useSendWaitingMessage(socket: SignalingSocket | null) {
  return useMutation({ mutationFn: (request: WaitingMessageRequest) => sendWaitingMessage(socket, request) });
}
