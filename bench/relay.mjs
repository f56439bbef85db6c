// Benchmark 1: signaling relay latency and throughput. Our gateway (the built API,
// authenticated and validated) against a bare Socket.IO relay and the PeerJS server,
// alternated A B C A B C, in a burst run and a run with starts spread over a few seconds.
import { announce, hardDeadline, parseArgs, pinSelf, ratio, writeResult } from './lib/common.mjs';
import { benchDatabase, createRooms } from './lib/fixtures.mjs';
import { compareServers, comparisonTable, p99Ratio } from './lib/relay-compare.mjs';
import { startApi, startBareRelay, startPeerServer } from './lib/servers.mjs';

const args = parseArgs(
  { rooms: 1000, rounds: 3, spreadMs: 5000, gapMs: 25, modes: ['burst', 'spread'], warmUpRooms: 'all', settleMs: 3000, maxMinutes: 12 },
  { rooms: 5, rounds: 1, spreadMs: 300, warmUpRooms: 0, settleMs: 200, pauseMs: 100, maxMinutes: 2 },
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
  const verdict = Object.fromEntries(
    args.modes.map((mode) => [
      mode,
      { vsBare: p99Ratio(summary[mode], 'gateway', 'bare'), vsPeer: p99Ratio(summary[mode], 'gateway', 'peerjs') },
    ]),
  );
  const text = comparisonTable(summary, args.modes, targets, {
    serverHeader: 'server',
    ratioHeader: 'our p99 ÷',
    ratioCell: (mode, key) =>
      key === 'gateway' ? `${ratio(verdict[mode].vsBare.median)} bare, ${ratio(verdict[mode].vsPeer.median)} PeerJS` : '',
  });
  console.log(
    `\nRelay: ${args.rooms} rooms (${args.rooms * 2} sockets), ${args.rounds} rounds per server, 27 relayed messages per room\n${text}`,
  );
  const file = writeResult('relay', { args: { ...args }, summary, verdict, runs, table: text });
  announce(file);
} finally {
  await Promise.all([gateway.stop(), bare.stop(), peer.stop()]);
}
process.exit(0);
