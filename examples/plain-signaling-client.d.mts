import type WebSocket from 'ws';

export interface PlainMessage {
  type: string;
  from?: string;
  to?: string;
  room_id?: string;
  payload?: unknown;
  [key: string]: unknown;
}

export const TOKEN_PROTOCOL: 'access_token';
export function signIn(baseUrl: string, email: string, password: string): Promise<string>;
export function joinRoom(
  baseUrl: string,
  token: string,
  roomId?: string,
): Promise<{ room_id: string; client_id: string; status: 'joined'; created?: Record<string, unknown> }>;

export class PlainSignalingClient {
  readonly ws: WebSocket;
  readonly messages: PlainMessage[];
  closed: { code: number; reason: string } | undefined;
  static open(
    baseUrl: string,
    query: { room_id?: string; client_id?: string },
    token?: string,
    via?: 'protocol' | 'query',
  ): Promise<PlainSignalingClient>;
  send(message: unknown): void;
  next(match: (message: PlainMessage) => boolean, ms?: number): Promise<PlainMessage>;
  custom(event: string, ms?: number): Promise<PlainMessage>;
  error(ms?: number): Promise<PlainMessage>;
  whenClosed(ms?: number): Promise<{ code: number; reason: string }>;
  close(): void;
}
