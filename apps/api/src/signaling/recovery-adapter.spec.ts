import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { RecoveryAdapter } from './recovery-adapter';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(RecoveryAdapter.name, () => {
  let sut: Server;
  let url: string;
  const clients: Socket[] = [];

  async function start(maxDisconnectionDuration: number): Promise<void> {
    const http = createServer();
    sut = new Server(http, { adapter: RecoveryAdapter, connectionStateRecovery: { maxDisconnectionDuration } });
    sut.on('connection', (socket) => {
      socket.on('join', (room: string, ack: () => void) => {
        void socket.join(room);
        ack();
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  }

  /** A client in `room` that notes every `note` it hears. */
  async function member(room: string): Promise<{ client: Socket; notes: string[]; server: ServerSocket }> {
    const client = io(url, { transports: ['websocket'], forceNew: true, reconnectionDelay: 300, reconnectionDelayMax: 300 });
    clients.push(client);
    const notes: string[] = [];
    client.on('note', (note: string) => notes.push(note));
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
    await client.emitWithAck('join', room);
    return { client, notes, server: sut.sockets.sockets.get(client.id!)! };
  }

  /** Drops the client's connection as a network would; `whileAway` runs once the server saw it go. */
  async function dropAndReturn(client: Socket, server: ServerSocket, whileAway: () => void): Promise<boolean> {
    const gone = new Promise((resolve) => server.once('disconnect', resolve));
    client.io.engine.close();
    await gone;
    whileAway();
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
    await pause(100);
    return client.recovered;
  }

  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await sut.close();
  });

  it('replays to a returning socket what it missed: its rooms and its own, not what excluded it or went elsewhere', async () => {
    await start(5_000);
    const a = await member('room:1');
    const b = await member('room:1');
    sut.to('room:1').emit('note', 'before');
    await pause(100);

    const recovered = await dropAndReturn(a.client, a.server, () => {
      sut.to('room:1').emit('note', 'to the room');
      sut.to('room:2').emit('note', 'elsewhere');
      sut.to(a.server.id).emit('note', 'to a');
      b.server.to('room:1').emit('note', 'from b');
      sut.to('room:1').except(a.server.id).emit('note', 'not for a');
      sut.to(['room:2', 'room:1']).emit('note', 'to both rooms');
      sut.volatile.to('room:1').emit('note', 'volatile');
      sut.emit('note', 'to everyone');
    });

    expect(recovered).toBe(true);
    expect(a.notes).toEqual(['before', 'to the room', 'to a', 'from b', 'to both rooms', 'to everyone']);
    expect(b.notes).toContain('not for a');
  });

  it('makes a new socket when the session expired or its offset is no longer kept', async () => {
    await start(100);
    const expired = await member('room:1');
    sut.to('room:1').emit('note', 'before');
    await pause(100);
    expect(await dropAndReturn(expired.client, expired.server, () => sut.to('room:1').emit('note', 'missed'))).toBe(false);
    expect(expired.notes).toEqual(['before']);

    await sut.close();
    await start(5_000);
    const unknown = await member('room:1');
    (unknown.client as unknown as { _lastOffset: string })._lastOffset = 'not-an-offset';
    expect(await dropAndReturn(unknown.client, unknown.server, () => sut.to('room:1').emit('note', 'missed'))).toBe(false);
  });
});
