import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import WebSocket from 'ws';
import { SocketIoSignalingSocket, type SocketIoSignalingSocketOptions } from './socket-io-signaling-socket';

// Against a real Socket.IO server (the API's version), as the browser meets it.

const NAMESPACE = '/signaling';

describe(SocketIoSignalingSocket.name, () => {
  let http: HttpServer;
  let io: Server;
  let url: string;
  let sut: SocketIoSignalingSocket | undefined;
  let tickets: number;

  beforeEach(async () => {
    http = createServer();
    io = new Server(http, { connectionStateRecovery: { maxDisconnectionDuration: 10_000 } });
    io.of(NAMESPACE).use((socket, next) => {
      const { token } = socket.handshake.auth as { token?: string };
      if (token?.startsWith('ticket-')) return next();
      next(Object.assign(new Error('Not signed in.'), { data: { code: 401, reason: 'unauthenticated' } }));
    });
    io.of(NAMESPACE).on('connection', (socket) => {
      socket.on('echo', (payload: unknown, ack: (answer: object) => void) =>
        ack({ ok: true, payload, token: socket.handshake.auth.token }),
      );
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}${NAMESPACE}`;
    tickets = 0;
  });

  afterEach(async () => {
    sut?.disconnect();
    await io.close();
  });

  function connect(options: Partial<SocketIoSignalingSocketOptions> = {}): SocketIoSignalingSocket {
    sut = new SocketIoSignalingSocket({
      url,
      auth: (callback) => callback({ token: `ticket-${++tickets}` }),
      createWebSocket: (address) => new WebSocket(address) as unknown as globalThis.WebSocket,
      reconnectDelayMs: 20,
      ...options,
    });
    return sut;
  }

  const next = (socket: SocketIoSignalingSocket, event: string) =>
    new Promise<unknown[]>((resolve) => {
      const once = (...args: unknown[]) => {
        socket.off(event, once);
        resolve(args);
      };
      socket.on(event, once);
    });

  const serverSocket = async (): Promise<Socket> => {
    for (;;) {
      const [socket] = (await io.of(NAMESPACE).fetchSockets()) as unknown as Socket[];
      if (socket) return socket;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };

  it('sends what is asked before the connection once connected, and resolves with the acknowledgement', async () => {
    const socket = connect();
    const answer = socket.timeout(2000).emitWithAck('echo', { n: 1 });
    await expect(answer).resolves.toEqual({ ok: true, payload: { n: 1 }, token: 'ticket-1' });
    expect(socket.connected).toBe(true);
    expect(socket.recovered).toBe(false);
  });

  it('hands on the server’s events with their payload', async () => {
    const socket = connect();
    await next(socket, 'connect');
    const heard = next(socket, 'peer-left');
    (await serverSocket()).emit('peer-left', { userId: 'u-1' });
    expect((await heard)[0]).toEqual({ userId: 'u-1' });
  });

  it('gives a refused handshake as connect_error with its data, and does not try again', async () => {
    const socket = connect({ auth: (callback) => callback({ token: 'stolen' }) });
    const [error] = (await next(socket, 'connect_error')) as [Error & { data: unknown }];
    expect(error.message).toBe('Not signed in.');
    expect(error.data).toEqual({ code: 401, reason: 'unauthenticated' });
    expect(socket.active).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(socket.connected).toBe(false);
  });

  it('reconnects after a dropped connection with a fresh ticket, and resumes the session with what it missed', async () => {
    const socket = connect();
    await next(socket, 'connect');
    const server = await serverSocket();
    void server.join('room');
    server.emit('chat-message', { body: 'before' });
    await next(socket, 'chat-message');
    const attempts: number[] = [];
    socket.io.on('reconnect_attempt', (attempt: number) => attempts.push(attempt));
    const disconnected = next(socket, 'disconnect');
    server.conn.close();
    expect((await disconnected)[0]).toBe('transport close');
    io.of(NAMESPACE).to('room').emit('chat-message', { body: 'missed' });
    const missed = next(socket, 'chat-message');
    await next(socket, 'connect');
    expect(socket.recovered).toBe(true);
    expect(attempts).toEqual([1]);
    expect((await missed)[0]).toEqual({ body: 'missed' });
    await expect(socket.timeout(2000).emitWithAck('echo', 2)).resolves.toMatchObject({ token: 'ticket-2' });
  });

  it('ends for good when the server disconnects it, failing what waits for an answer', async () => {
    const socket = connect();
    await next(socket, 'connect');
    const server = await serverSocket();
    server.removeAllListeners('echo');
    const unanswered = socket.timeout(5000).emitWithAck('echo', 3);
    const disconnected = next(socket, 'disconnect');
    await new Promise((resolve) => setTimeout(resolve, 50));
    server.disconnect();
    expect((await disconnected)[0]).toBe('io server disconnect');
    await expect(unanswered).rejects.toThrow('socket has been disconnected');
    expect(socket.active).toBe(false);
  });

  it('times a request out as socket.io-client does', async () => {
    const socket = connect();
    await next(socket, 'connect');
    (await serverSocket()).removeAllListeners('echo');
    await expect(socket.timeout(50).emitWithAck('echo', 4)).rejects.toThrow('operation has timed out');
  });
});
