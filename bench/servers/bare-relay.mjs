// Bare Socket.IO relay: our stack's floor. Same socket.io (4.8.3), namespace and server options
// as the gateway (apps/api/src/signaling/signaling-io.adapter.ts), but no auth, no validation,
// no database, no rate limit: join a room, relay every event to the rest of it (or to the one
// person named by `to`), acknowledge.
import http from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Server } = require('socket.io');
const port = Number(process.argv[2]);

const server = http.createServer((req, res) => {
  res.writeHead(req.url === '/health' ? 200 : 404).end();
});
const io = new Server(server, {
  maxHttpBufferSize: 32 * 1024,
  pingInterval: 10_000,
  pingTimeout: 5_000,
  connectionStateRecovery: { maxDisconnectionDuration: 30_000, skipMiddlewares: true },
});
// A person is their socket, or the `userId` the load generator names at join (there is no
// authentication to say who they are): then they also join that person's channel in the room,
// which `to` reaches, as the gateway's userChannel. A socket that names nobody joins no extra
// room (the capacity benchmark's per-socket memory stays Socket.IO's own). Relays are stamped `from`.
const userChannel = (room, userId) => `${room}:user:${userId}`;
io.of('/signaling').on('connection', (socket) => {
  socket.on('join-room', (payload, ack) => {
    const room = String(payload?.roomId);
    const named = payload?.userId !== undefined;
    const user = named ? String(payload.userId) : socket.id;
    socket.data.room = room;
    socket.data.user = user;
    socket.data.named = named;
    socket.join(named ? [room, userChannel(room, user)] : room);
    socket.to(room).emit('peer-joined', { peer: { userId: user }, polite: false, resumed: false });
    ack?.({ ok: true, peers: [] });
  });
  for (const event of ['offer', 'answer', 'ice-candidate', 'chat-message', 'media-state']) {
    socket.on(event, (payload, ack) => {
      const { room, named, user } = socket.data;
      const to = payload?.to;
      if (room) socket.to(to === undefined ? room : named ? userChannel(room, to) : String(to)).emit(event, { ...payload, from: user });
      ack?.({ ok: true });
    });
  }
  socket.on('leave-room', (_payload, ack) => {
    const room = socket.data.room;
    if (room) {
      socket.to(room).emit('peer-left', { peer: { userId: socket.data.user } });
      socket.leave(room);
      if (socket.data.named) socket.leave(userChannel(room, socket.data.user));
      socket.data.room = undefined;
    }
    ack?.({ ok: true });
  });
});
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => io.close(() => process.exit(0)));
