// Bare Socket.IO relay: our stack's floor. Same socket.io (4.8.3), namespace and server options
// as the gateway (apps/api/src/signaling/signaling-io.adapter.ts), but no auth, no validation,
// no database, no rate limit: join a room, relay every event to the rest of it, acknowledge.
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
io.of('/signaling').on('connection', (socket) => {
  socket.on('join-room', (payload, ack) => {
    const room = String(payload?.roomId);
    socket.data.room = room;
    socket.join(room);
    socket.to(room).emit('peer-joined', { peer: { userId: socket.id }, polite: false, resumed: false });
    ack?.({ ok: true, peers: [] });
  });
  for (const event of ['offer', 'answer', 'ice-candidate', 'chat-message', 'media-state']) {
    socket.on(event, (payload, ack) => {
      if (socket.data.room) socket.to(socket.data.room).emit(event, { ...payload, from: socket.id });
      ack?.({ ok: true });
    });
  }
  socket.on('leave-room', (_payload, ack) => {
    const room = socket.data.room;
    if (room) {
      socket.to(room).emit('peer-left', { peer: { userId: socket.id } });
      socket.leave(room);
      socket.data.room = undefined;
    }
    ack?.({ ok: true });
  });
});
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => io.close(() => process.exit(0)));
