'use client';

import { useEffect, useState } from 'react';
import type { SignalingSocket } from '@telehealth/call-engine';
import { SignalingEvent, type WaitingMessageEvent, type WaitingPositionEvent } from '@telehealth/contracts';
import { chime } from '@/lib/alerts';
import { heardEarly } from '@/lib/heard-early';

export interface WaitingNews {
  /** The doctor's messages of this wait, oldest first. */
  messages: WaitingMessageEvent[];
  /** The patient's place in the doctor's queue, when several wait. */
  position: WaitingPositionEvent | null;
}

/**
 * What a waiting patient is told in the room over the call's socket: the doctor's `waiting-message`
 * (with a soft tone) and `waiting-position`. Messages stay for as long as this page's wait lasts.
 */
export function useWaitingNews(socket: SignalingSocket | null, appointmentId: string): WaitingNews {
  const [messages, setMessages] = useState<WaitingMessageEvent[]>([]);
  const [position, setPosition] = useState<WaitingPositionEvent | null>(null);

  useEffect(() => {
    if (!socket) return;
    const onMessage = (message: WaitingMessageEvent) => {
      setMessages((current) =>
        current.some((m) => m.sentAt === message.sentAt && m.text === message.text) ? current : [...current, message],
      );
      chime();
    };
    const onPosition = (event: WaitingPositionEvent) => {
      if (event.appointmentId === appointmentId) setPosition(event);
    };
    socket.on(SignalingEvent.WaitingMessage, onMessage);
    socket.on(SignalingEvent.WaitingPosition, onPosition);
    // What the server said at the join, before this screen listened (a prepared call joins on the click).
    for (const message of heardEarly<WaitingMessageEvent>(socket, SignalingEvent.WaitingMessage)) onMessage(message);
    for (const place of heardEarly<WaitingPositionEvent>(socket, SignalingEvent.WaitingPosition)) onPosition(place);
    return () => {
      socket.off(SignalingEvent.WaitingMessage, onMessage);
      socket.off(SignalingEvent.WaitingPosition, onPosition);
    };
  }, [socket, appointmentId]);

  return { messages, position };
}
