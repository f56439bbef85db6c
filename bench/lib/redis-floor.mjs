// Diagnostic for the cross-node analysis in BENCHMARKS.md, not a benchmark of ours: what the
// Redis path costs by itself in one Node process on one core, with the client the API uses
// (node-redis) and entries shaped like the streams adapter's. It appends one burst of the
// relay workload's messages (4 KB offers and answers, small candidates and chat) to a stream
// and reads it back with XREAD COUNT 100, as every API process reads the adapter's stream.
// Usage: node bench/lib/redis-floor.mjs [--rooms=300] [--rounds=3]
import { createClient } from 'redis';
import { hardDeadline, parseArgs, pinSelf, summarize } from './common.mjs';
import { REDIS_URL } from './fixtures.mjs';

const args = parseArgs({ rooms: 300, rounds: 3, maxMinutes: 2 });
hardDeadline(args.maxMinutes * 60_000, 'redis-floor');
pinSelf(0);

const STREAM = `bench-redis-floor-${process.pid}`;
const entry = (event, body) => ({
  uid: 'bench',
  nsp: '/signaling',
  type: '3',
  data: JSON.stringify({ packet: { type: 2, data: [event, body], nsp: '/signaling' }, opts: { rooms: ['room'], except: [] } }),
});
const offer = entry('offer', { sdp: 'v=0 '.padEnd(4096, 'a'), from: 'user' });
const candidate = entry('ice-candidate', {
  candidate: { candidate: 'candidate:1 1 udp 2122260223 192.168.1.2 5000 typ host'.padEnd(130, ' '), sdpMid: '0' },
  from: 'user',
});
const chat = entry('chat-message', { body: 'How are you feeling today?'.padEnd(110, '.'), from: 'user' });
// The relay workload of one room: offer, answer, 20 candidates, 5 chat lines.
const roomMessages = [offer, offer, ...Array(20).fill(candidate), ...Array(5).fill(chat)];

const client = createClient({ url: REDIS_URL });
const reader = client.duplicate();
await Promise.all([client.connect(), reader.connect()]);
try {
  for (let round = 1; round <= args.rounds; round++) {
    await client.del(STREAM);
    const messages = Array.from({ length: args.rooms }, () => roomMessages).flat();
    const started = performance.now();
    const latencies = await Promise.all(
      messages.map(async (message) => {
        const sent = performance.now();
        await client.xAdd(STREAM, '*', message, { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: 100_000 } });
        return performance.now() - sent;
      }),
    );
    const appendedMs = performance.now() - started;
    const readStarted = performance.now();
    let offset = '0';
    let read = 0;
    while (read < messages.length) {
      const response = await reader.xRead([{ key: STREAM, id: offset }], { COUNT: 100 });
      for (const item of response?.[0]?.messages ?? []) {
        JSON.parse(item.message.data);
        offset = item.id;
        read++;
      }
    }
    const readMs = performance.now() - readStarted;
    const xadd = summarize(latencies);
    console.log(
      `round ${round}: ${messages.length} XADDs at once: all appended in ${appendedMs.toFixed(0)} ms (each awaited p50 ${xadd.p50.toFixed(1)}, p99 ${xadd.p99.toFixed(1)} ms); read back and decoded in ${readMs.toFixed(0)} ms`,
    );
  }
} finally {
  await client.del(STREAM);
  await Promise.all([client.quit(), reader.quit()]);
}
