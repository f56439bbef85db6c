// Benchmark 1: signaling relay latency and throughput. Our gateway (the built API,
// authenticated and validated) against a bare Socket.IO relay and the PeerJS server,
// alternated A B C A B C, in a burst run and a run with starts spread over a few seconds.
import { announce, hardDeadline, ms, parseArgs, pinSelf, ratio, table, writeResult } from './lib/common.mjs';
import { benchDatabase, createRooms } from './lib/fixtures.mjs';
import { compareServers, p99Ratio } from './lib/relay-compare.mjs';
import { startApi, startBareRelay, startPeerServer } from './lib/servers.mjs';

const args = parseArgs(
  { rooms: 1000, rounds: 3, spreadMs: 5000, gapMs: 25, modes: ['burst', 'spread'], warmUpRooms: 200, maxMinutes: 10 },
  { rooms: 5, rounds: 1, spreadMs: 300, warmUpRooms: 0, pauseMs: 100, maxMinutes: 2 },
);
hardDeadline(args.maxMinutes * 60_000, 'relay');
pinSelf(1);

const databaseUrl = await benchDatabase();
const rooms = await createRooms(databaseUrl, args.rooms);
const [gateway, bare, peer] = await Promise.all([startApi({ databaseUrl }), startBareRelay(), startPeerServer()]);
try {
  const targets = [
    { key: 'gateway', label: 'our gateway', kind: 'socketio', urlA: gateway.url, server: [gateway] },
    { key: 'bare', label: 'bare Socket.IO', kind: 'socketio', urlA: bare.url, server: [bare] },
    { key: 'peerjs', label: 'PeerJS server', kind: 'peerjs', urlA: peer.url, server: [peer] },
  ];
  const { runs, summary } = await compareServers({ ...args, targets, roomList: rooms });
  const verdict = {};
  const rows = [];
  for (const mode of args.modes) {
    const vsBare = p99Ratio(summary[mode], 'gateway', 'bare');
    const vsPeer = p99Ratio(summary[mode], 'gateway', 'peerjs');
    verdict[mode] = { vsBare, vsPeer };
    for (const target of targets) {
      const s = summary[mode][target.key];
      rows.push([
        mode,
        s.label,
        ms(s.pooled.p50),
        ms(s.pooled.p95),
        ms(s.pooled.p99),
        ms(s.pooled.max),
        Math.round(s.throughput),
        `${s.received}/${s.expected}`,
        `${Math.round(s.serverCpu * 100)}% / ${Math.round(s.loadgenCpu * 100)}%`,
        target.key === 'gateway' ? `${ratio(vsBare.median)} bare, ${ratio(vsPeer.median)} PeerJS` : '',
      ]);
    }
  }
  const text = table(['run', 'server', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'msg/s', 'delivered', 'CPU server/loadgen', 'our p99 ÷'], rows);
  console.log(`\nRelay: ${args.rooms} rooms (${args.rooms * 2} sockets), ${args.rounds} rounds per server, 27 relayed messages per room\n${text}`);
  const file = writeResult('relay', { args: { ...args }, summary, verdict, runs, table: text });
  announce(file);
} finally {
  await Promise.all([gateway.stop(), bare.stop(), peer.stop()]);
}
process.exit(0);
