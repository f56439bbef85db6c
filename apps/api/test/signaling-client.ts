import type { Ack, ClientToServerEvents, JoinRoomResult, ServerToClientEvents } from '@telehealth/contracts';
import { SIGNALING_NAMESPACE } from '@telehealth/contracts';
import { io, Socket } from 'socket.io-client';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real socket.io-client connected to the gateway, as a browser would be. */
export function connectSignaling(
  baseUrl: string,
  token: string | undefined,
  options: { reconnection?: boolean; /** a doctor's socket: resolve once the initial waiting list arrived */ doctor?: boolean } = {},
): Promise<ClientSocket> {
  const socket: ClientSocket = io(`${baseUrl}${SIGNALING_NAMESPACE}`, {
    auth: token === undefined ? {} : { token },
    transports: ['websocket'],
    reconnection: options.reconnection ?? true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 200,
    forceNew: true,
  });
  // Both listeners are for this first connection only. A `connect_error` later on is a reconnection
  // attempt that failed (a node going away, say): the client retries by itself, as a browser does,
  // and closing the socket then would end the call the spec is watching.
  const ready = options.doctor ? 'waiting-room-updated' : 'connect';
  return new Promise((resolve, reject) => {
    const onReady = () => {
      socket.off('connect_error', onError);
      resolve(socket);
    };
    const onError = (error: Error) => {
      (socket as unknown as { off(e: string, h: unknown): void }).off(ready, onReady);
      socket.close();
      reject(error);
    };
    (socket as unknown as { once(e: string, h: unknown): void }).once(ready, onReady);
    socket.once('connect_error', onError);
  });
}

/** Sends an event and waits for its acknowledgement. */
export function request<T extends object = object>(
  socket: ClientSocket,
  event: keyof ClientToServerEvents,
  payload?: unknown,
): Promise<Ack<T>> {
  return (socket as unknown as { timeout(ms: number): { emitWithAck(e: string, p: unknown): Promise<Ack<T>> } })
    .timeout(5000)
    .emitWithAck(event, payload);
}

/** Resolves with the next `event` on the socket, or rejects after `ms`. */
export function next<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
  ms = 5000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      (socket as unknown as { off(e: string, h: unknown): void }).off(event, handler);
      reject(new Error(`no ${event} within ${ms} ms`));
    }, ms);
    const handler = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
      clearTimeout(timer);
      resolve(payload);
    };
    (socket as unknown as { once(e: string, h: unknown): void }).once(event, handler);
  });
}

/** Collects every `event` the socket receives, to assert that something did NOT arrive. */
export function record<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
): Array<Parameters<ServerToClientEvents[E]>[0]> {
  const seen: Array<Parameters<ServerToClientEvents[E]>[0]> = [];
  (socket as unknown as { on(e: string, h: unknown): void }).on(event, (payload: Parameters<ServerToClientEvents[E]>[0]) =>
    seen.push(payload),
  );
  return seen;
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The people of a visit held over sockets, and what happens while the patient waits. */
export interface HeldVisit {
  roomId: string;
  doctorSocket: ClientSocket;
  patientSocket: ClientSocket;
  chatLine: string;
  /** Runs while the patient is in the waiting room, before the doctor joins. */
  whileWaiting?: () => Promise<unknown>;
}

/** A visit as people have it: the patient waits, the doctor joins, the patient writes one chat line, the doctor ends it. */
export async function holdVisit({ roomId, doctorSocket, patientSocket, chatLine, whileWaiting }: HeldVisit): Promise<void> {
  const waiting = next(patientSocket, 'waiting-for-peer');
  expect((await request<JoinRoomResult>(patientSocket, 'join-room', { roomId })).ok).toBe(true);
  await waiting;
  await whileWaiting?.();
  const joined = next(patientSocket, 'peer-joined');
  expect((await request<JoinRoomResult>(doctorSocket, 'join-room', { roomId })).ok).toBe(true);
  await joined;
  expect(await request(patientSocket, 'chat-message', { body: chatLine })).toMatchObject({ ok: true });
  const ended = next(patientSocket, 'session-ended');
  expect(await request(doctorSocket, 'end-session')).toMatchObject({ ok: true });
  await ended;
  // The end's timeline and session writes finish just after its answer.
  await pause(50);
}
