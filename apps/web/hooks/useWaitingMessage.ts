'use client';

import { useMutation } from '@tanstack/react-query';
import type { SignalingSocket } from '@telehealth/call-engine';
import { SignalingEvent, type Ack, type WaitingMessageRequest } from '@telehealth/contracts';
import { ApiError, reasonOfBody } from '@/lib/api-client';

const ACK_TIMEOUT_MS = 10_000;

/** Sends `waiting-message` and waits for its acknowledgement; a refusal becomes an ApiError with the server's sentence and reason. */
async function sendWaitingMessage(socket: SignalingSocket | null, request: WaitingMessageRequest): Promise<{ sentAt: string }> {
  if (!socket?.connected) {
    throw new ApiError('Live updates are offline, so the message cannot be sent. Try again in a moment.', 0, 'service_unavailable');
  }
  let ack: Ack<{ sentAt: string }>;
  try {
    ack = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(SignalingEvent.WaitingMessage, request)) as Ack<{ sentAt: string }>;
  } catch {
    throw new ApiError('The message was not confirmed in time. Try again.', 0, 'service_unavailable');
  }
  if (!ack.ok) throw new ApiError(ack.error, ack.code, reasonOfBody(ack, ack.code));
  return { sentAt: ack.sentAt };
}

/** The doctor tells a waiting patient something short ("Running about 10 minutes late") over the dashboard's socket. */
export function useSendWaitingMessage(socket: SignalingSocket | null) {
  return useMutation({ mutationFn: (request: WaitingMessageRequest) => sendWaitingMessage(socket, request) });
}
