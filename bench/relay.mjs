// Benchmark 1: signaling relay latency and throughput. Our gateway (the built API,
// authenticated and validated) and the same API's plain WebSocket (`/ws`, issue 19) against a
// bare Socket.IO relay and the PeerJS server, alternated A B C D A B C D, in a burst run and a
// run with starts spread over a few seconds.
// Workload 'pair' is a two-person visit; 'mesh4' a four-person one (doctor, patient, two guests
// the doctor admits), every pair of its mesh negotiating on its own: our gateway and the bare
// relay only, in the same rounds as the pairs, so that its ratios are paired too.
import { announce, hardDeadline, parseArgs, pinSelf, ratio, writeResult } from './lib/common.mjs';
import { benchDatabase, createRooms } from './lib/fixtures.mjs';
import { compareServers, comparisonTable, p99Ratio } from './lib/relay-compare.mjs';
import { startApi, startBareRelay, startPeerServer } from './lib/servers.mjs';

const args = parseArgs(
  {
    rooms: 1000,
    // Visits of four in the mesh workload; 0 = half of `rooms`: as many people as in the two-person
    // workload, in visits of four instead of two, so each person relays to 3 peers instead of 1.
    meshRooms: 0,
    rounds: 3,
    spreadMs: 5000,
    gapMs: 25,
    modes: ['burst', 'spread'],
    workloads: ['pair', 'mesh4'],
    servers: ['gateway', 'bare', 'peerjs', 'plain'],
    warmUpRooms: 'all',
    settleMs: 3000,
    // Each load-generator run (connect, warm-up, settle, timed run) must end within this.
    deadlineMs: 150_000,
    maxMinutes: 25,
  },
  { rooms: 5, meshRooms: 2, rounds: 1, spreadMs: 300, warmUpRooms: 0, settleMs: 200, pauseMs: 100, maxMinutes: 2 },
);
hardDeadline(args.maxMinutes * 60_000, 'relay');
pinSelf(1);

const CANDIDATES = 10;
const CHATS = 5;
const MESH_PEOPLE = 4;
const MESH_PAIRS = (MESH_PEOPLE * (MESH_PEOPLE - 1)) / 2;
const PAIR_MESSAGES = 2 + 2 * CANDIDATES + CHATS;
const MESH_MESSAGES = MESH_PAIRS * (2 + 2 * CANDIDATES) + CHATS * (MESH_PEOPLE - 1);
const meshRoomCount = args.meshRooms > 0 ? args.meshRooms : Math.ceil(args.rooms / 2);
const withMesh = args.workloads.includes('mesh4');
const runs = (server) => args.servers.includes(server);

const databaseUrl = await benchDatabase();
const rooms = await createRooms(databaseUrl, args.rooms);
const meshRooms = withMesh ? await createRooms(databaseUrl, meshRoomCount, { guests: MESH_PEOPLE - 2 }) : [];
const none = { stop: async () => undefined };
const [gateway, bare, peer] = await Promise.all([
  runs('gateway') || runs('plain') ? startApi({ databaseUrl }) : none,
  runs('bare') ? startBareRelay() : none,
  runs('peerjs') ? startPeerServer() : none,
]);
try {
  const gatewayConfig = { announcesPeers: true };
  // The bare relay has no authentication: the join names the person, so that `to` can reach them.
  const bareConfig = { joinWithUserId: true };
  const mesh4 = { workload: 'mesh4' };
  const targets = [
    { key: 'gateway', label: 'our gateway', kind: 'socketio', urlA: gateway.url, server: [gateway], config: gatewayConfig },
    { key: 'bare', label: 'bare Socket.IO', kind: 'socketio', urlA: bare.url, server: [bare], config: bareConfig },
    { key: 'peerjs', label: 'PeerJS server', kind: 'peerjs', urlA: peer.url, server: [peer] },
    // The same API process as our gateway, the same rooms and tokens: only the transport differs.
    { key: 'plain', label: 'our plain WebSocket', kind: 'plain', urlA: gateway.url, server: [gateway] },
    ...(withMesh
      ? [
          {
            key: 'gatewayMesh4',
            label: 'our gateway, mesh of 4',
            kind: 'socketio',
            urlA: gateway.url,
            server: [gateway],
            roomList: meshRooms,
            config: { ...gatewayConfig, ...mesh4 },
          },
          {
            key: 'bareMesh4',
            label: 'bare Socket.IO, mesh of 4',
            kind: 'socketio',
            urlA: bare.url,
            server: [bare],
            roomList: meshRooms,
            config: { ...bareConfig, ...mesh4 },
          },
        ]
      : []),
  ].filter((target) => runs(target.key.replace('Mesh4', '')) && (target.key.endsWith('Mesh4') || args.workloads.includes('pair')));
  const { runs: results, warmUps, summary, admission } = await compareServers({ ...args, targets, roomList: rooms });
  const verdict = Object.fromEntries(
    args.modes.map((mode) => [
      mode,
      {
        vsBare: p99Ratio(summary[mode], 'gateway', 'bare'),
        vsPeer: p99Ratio(summary[mode], 'gateway', 'peerjs'),
        // mesh4 p99 ÷ two-person p99 on the same server, and our gateway ÷ bare Socket.IO on the mesh.
        meshVsPair: p99Ratio(summary[mode], 'gatewayMesh4', 'gateway'),
        bareMeshVsPair: p99Ratio(summary[mode], 'bareMesh4', 'bare'),
        meshVsBare: p99Ratio(summary[mode], 'gatewayMesh4', 'bareMesh4'),
        // The plain WebSocket (issue 19: target ≤ 1.0× the PeerJS server), and beside both Socket.IO servers.
        plainVsPeer: p99Ratio(summary[mode], 'plain', 'peerjs'),
        plainVsBare: p99Ratio(summary[mode], 'plain', 'bare'),
        plainVsGateway: p99Ratio(summary[mode], 'plain', 'gateway'),
        // Offer, answer and candidates alone: the relay without the chat lines our API stores before relaying them.
        plainVsPeerNegotiation: p99Ratio(summary[mode], 'plain', 'peerjs', 'roundP99Negotiation'),
      },
    ]),
  );
  const cell = (value, what) => (value ? `${ratio(value.median)} ${what}` : undefined);
  const cells = (...parts) => parts.filter(Boolean).join(', ');
  const text = comparisonTable(summary, args.modes, targets, {
    serverHeader: 'server',
    ratioHeader: 'p99 ÷',
    cpuPerMessage: true,
    ratioCell: (mode, key) => {
      const v = verdict[mode];
      if (key === 'gateway') return cells(cell(v.vsBare, 'bare'), cell(v.vsPeer, 'PeerJS'));
      if (key === 'gatewayMesh4') return cells(cell(v.meshVsPair, 'two-person'), cell(v.meshVsBare, 'bare mesh'));
      if (key === 'bareMesh4') return cells(cell(v.bareMeshVsPair, 'two-person'));
      if (key === 'plain')
        return cells(
          cell(v.plainVsPeer, 'PeerJS'),
          cell(v.plainVsBare, 'bare'),
          cell(v.plainVsGateway, 'gateway'),
          cell(v.plainVsPeerNegotiation, 'PeerJS without chat'),
        );
      return '';
    },
  });
  const meshLine = withMesh
    ? `; mesh of 4: ${meshRoomCount} rooms (${meshRoomCount * MESH_PEOPLE} sockets), ${MESH_MESSAGES} relayed messages per room ` +
      `(${MESH_PAIRS} pairs × ${2 + 2 * CANDIDATES} + ${CHATS} chat lines × ${MESH_PEOPLE - 1} recipients)`
    : '';
  console.log(
    `\nRelay: ${args.rooms} rooms (${args.rooms * 2} sockets), ${PAIR_MESSAGES} relayed messages per room${meshLine}; ` +
      `${args.rounds} rounds per server\n${text}`,
  );
  const file = writeResult('relay', {
    args: { ...args, meshRooms: meshRoomCount },
    summary,
    verdict,
    admission,
    runs: results,
    warmUps,
    table: text,
  });
  announce(file);
} finally {
  await Promise.all([gateway.stop(), bare.stop(), peer.stop()]);
}
process.exit(0);
