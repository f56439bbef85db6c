// Load generator of the relay benchmarks (relay.mjs, cross-node.mjs): runs in its own process
// (core 1), opens two sockets per room, warms every room up, then runs the timed workload:
// offer, answer, 10 ICE candidates each way, 5 chat messages, leave. Prints one JSON line.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { io } = require('socket.io-client');
const WebSocket = require('ws');

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const {
  kind, // 'socketio' | 'peerjs'
  urlA, // the patient's server
  urlB = urlA, // the doctor's server
  rooms,
  mode = 'burst', // 'burst': every room starts at once; 'spread': starts spread over spreadMs
  spreadMs = 5000,
  gapMs = 25, // pause between two sends of one socket: 40/s, the gateway's sustained limit
  candidates = 10,
  chats = 5,
  sdpBytes = 4096,
  connectConcurrency = 100,
  deadlineMs = 120_000,
  peerSuffix = '',
  settleMs = 3000, // quiet between the warm-up and the clock: the untimed joins' writes and garbage collection finish first
} = config;

const startedAt = Date.now();
const hardStop = setTimeout(() => {
  console.error('load generator: deadline reached');
  process.exit(4);
}, deadlineMs);
hardStop.unref();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const timeLeft = () => deadlineMs - (Date.now() - startedAt) - 2000;

// ---- realistic payloads ----

/** An SDP offer/answer of about `sdpBytes` (a browser's audio+video offer is 3-6 KB), tagged with a message id. */
function sdp(id) {
  const head = `v=0\r\no=- ${id} 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\na=extmap-allow-mixed\r\na=msid-semantic: WMS stream\r\n`;
  const audio =
    'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\na=ice-ufrag:Xk3d\r\na=ice-pwd:1Tz8Zq7yP0b3Wm5Lx2Vc9Hn4\r\na=ice-options:trickle\r\n' +
    'a=fingerprint:sha-256 4F:2A:9C:11:7B:E0:3D:58:AA:6C:0F:92:D4:1E:85:B7:3C:60:F9:28:5E:A1:0B:D7:44:9F:13:C8:72:E6:05:BA\r\na=setup:actpass\r\na=mid:0\r\n' +
    'a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\na=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time\r\na=sendrecv\r\na=msid:stream audio0\r\na=rtcp-mux\r\n' +
    'a=rtpmap:111 opus/48000/2\r\na=rtcp-fb:111 transport-cc\r\na=fmtp:111 minptime=10;useinbandfec=1\r\na=rtpmap:63 red/48000/2\r\na=fmtp:63 111/111\r\na=rtpmap:9 G722/8000\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=ssrc:1001 cname:benchcname\r\n';
  const video = (pt) =>
    `a=rtpmap:${pt} VP8/90000\r\na=rtcp-fb:${pt} goog-remb\r\na=rtcp-fb:${pt} transport-cc\r\na=rtcp-fb:${pt} ccm fir\r\na=rtcp-fb:${pt} nack\r\na=rtcp-fb:${pt} nack pli\r\na=rtpmap:${pt + 1} rtx/90000\r\na=fmtp:${pt + 1} apt=${pt}\r\n`;
  let body =
    head +
    audio +
    'm=video 9 UDP/TLS/RTP/SAVPF 96 97 98 99 100 101 102\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\na=sendrecv\r\na=rtcp-mux\r\na=rtcp-rsize\r\n';
  for (let pt = 96; body.length < sdpBytes - 200; pt += 2) body += video(pt);
  return (body + 'a=ssrc-group:FID 2001 2002\r\na=ssrc:2001 cname:benchcname\r\n').padEnd(sdpBytes, 'a');
}
const SDP_ID_AT = 'v=0\r\no=- '.length;
const idOfSdp = (text) => text.slice(SDP_ID_AT, text.indexOf(' ', SDP_ID_AT));
const candidateLine = (id, n) =>
  `candidate:${id} 1 udp 2122260223 192.168.${n % 255}.${(n * 7) % 255} ${50000 + (n % 10000)} typ host generation 0 ufrag Xk3d network-id 1 network-cost 10`;
const idOfCandidate = (text) => text.slice(10, text.indexOf(' ', 10));
const CHAT_TEXT = 'Thanks, I can hear you well now. The pain started three days ago after the walk, mostly in the evening.';
const idOfChat = (text) => text.slice(0, text.indexOf(' '));

// ---- bookkeeping ----

let nextId = 1;
const pending = new Map(); // message id -> [sentAt, type, room]
const latencies = { offer: [], answer: [], candidate: [], chat: [] };
const counters = { sent: 0, received: 0, duplicates: 0, ackErrors: 0, ackErrorSamples: [], connectErrors: 0 };
let firstSendAt = Infinity;
let lastReceiveAt = 0;
let timing = false;

function stamp(type, room) {
  const id = String(nextId++);
  if (timing) {
    const now = performance.now();
    if (now < firstSendAt) firstSendAt = now;
    pending.set(id, [now, type, room]);
    counters.sent += 1;
  }
  return id;
}
function received(id) {
  const entry = pending.get(id);
  if (!entry) {
    if (timing) counters.duplicates += 1;
    return undefined;
  }
  pending.delete(id);
  const now = performance.now();
  lastReceiveAt = now;
  latencies[entry[1]].push(now - entry[0]);
  counters.received += 1;
  return entry[2];
}

// ---- transports: the same workload over Socket.IO (gateway, bare relay) or PeerJS ----

class SocketIoParty {
  constructor(url, auth) {
    this.url = url;
    this.auth = auth;
  }
  connect() {
    return new Promise((resolve, reject) => {
      this.socket = io(`${this.url}/signaling`, {
        auth: this.auth,
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        timeout: 20_000,
      });
      this.socket.once('connect', resolve);
      this.socket.once('connect_error', reject);
    });
  }
  onRelay(handler) {
    this.socket.on('offer', (event) => handler('offer', idOfSdp(event.sdp)));
    this.socket.on('answer', (event) => handler('answer', idOfSdp(event.sdp)));
    this.socket.on('ice-candidate', (event) => handler('candidate', idOfCandidate(event.candidate.candidate)));
    this.socket.on('chat-message', (event) => handler('chat', idOfChat(event.body)));
  }
  request(event, payload) {
    return new Promise((resolve) => {
      this.socket.timeout(20_000).emit(event, payload, (error, ack) => {
        if (error || !ack?.ok) {
          counters.ackErrors += 1;
          if (counters.ackErrorSamples.length < 5) counters.ackErrorSamples.push(`${event}: ${error?.message ?? JSON.stringify(ack)}`);
        }
        resolve(ack);
      });
    });
  }
  join(roomId) {
    return this.request('join-room', { roomId });
  }
  send(type, id, seq) {
    if (type === 'offer' || type === 'answer') void this.request(type, { sdp: sdp(id) });
    else if (type === 'candidate')
      void this.request('ice-candidate', { candidate: { candidate: candidateLine(id, seq), sdpMid: '0', sdpMLineIndex: 0 } });
    else void this.request('chat-message', { body: `${id} ${CHAT_TEXT}` });
  }
  leave() {
    return this.request('leave-room', {});
  }
  close() {
    this.socket?.close();
  }
}

class PeerJsParty {
  constructor(url, id, peerId) {
    this.url = url.replace(/^http/, 'ws');
    this.id = id;
    this.peerId = peerId;
  }
  connect() {
    return new Promise((resolve, reject) => {
      this.ws = new WebSocket(
        `${this.url}/peerjs?key=peerjs&id=${encodeURIComponent(this.id)}&token=${Math.random().toString(36).slice(2)}`,
      );
      const timer = setTimeout(() => reject(new Error('no OPEN within 20 s')), 20_000);
      this.ws.on('message', (data) => {
        const message = JSON.parse(data.toString());
        if (message.type === 'OPEN') {
          clearTimeout(timer);
          resolve();
        } else this.handler?.(message);
      });
      this.ws.once('error', reject);
      // PeerJS drops clients that stay silent for 90 s.
      this.heartbeat = setInterval(() => this.ws.readyState === 1 && this.ws.send('{"type":"HEARTBEAT"}'), 30_000);
      this.heartbeat.unref();
    });
  }
  onRelay(handler) {
    this.handler = (message) => {
      const payload = message.payload ?? {};
      if (message.type === 'OFFER') handler('offer', idOfSdp(payload.sdp.sdp));
      else if (message.type === 'ANSWER') handler('answer', idOfSdp(payload.sdp.sdp));
      else if (message.type === 'CANDIDATE' && payload.chat) handler('chat', idOfChat(payload.chat));
      else if (message.type === 'CANDIDATE') handler('candidate', idOfCandidate(payload.candidate.candidate));
    };
  }
  message(type, payload) {
    this.ws.send(JSON.stringify({ type, dst: this.peerId, payload }));
  }
  async join() {
    return { ok: true }; // PeerJS has no rooms: the OPEN was the join.
  }
  send(type, id, seq) {
    const connectionId = `mc_${this.id}`;
    if (type === 'offer') this.message('OFFER', { sdp: { type: 'offer', sdp: sdp(id) }, type: 'media', connectionId });
    else if (type === 'answer') this.message('ANSWER', { sdp: { type: 'answer', sdp: sdp(id) }, type: 'media', connectionId });
    else if (type === 'candidate')
      this.message('CANDIDATE', {
        candidate: { candidate: candidateLine(id, seq), sdpMid: '0', sdpMLineIndex: 0 },
        type: 'media',
        connectionId,
      });
    else this.message('CANDIDATE', { chat: `${id} ${CHAT_TEXT}`, type: 'data', connectionId }); // no chat type in PeerJS
  }
  async leave() {
    this.message('LEAVE', undefined);
    return { ok: true };
  }
  close() {
    clearInterval(this.heartbeat);
    this.ws?.terminate();
  }
}

// ---- one room ----

class Room {
  constructor(spec, index) {
    this.spec = spec;
    this.index = index;
    if (kind === 'peerjs') {
      const d = `${spec.doctor.id}${peerSuffix}`;
      const p = `${spec.patient.id}${peerSuffix}`;
      this.doctor = new PeerJsParty(urlB, d, p);
      this.patient = new PeerJsParty(urlA, p, d);
    } else {
      this.doctor = new SocketIoParty(urlB, { token: spec.doctor.token });
      this.patient = new SocketIoParty(urlA, { token: spec.patient.token });
    }
    this.waiters = new Map();
    const onRelay = (side) => (type, id) => {
      const room = received(id);
      if (room !== undefined && room !== this.index) counters.duplicates += 1;
      this.count(side, type);
    };
    this.got = { doctor: {}, patient: {} };
    this.doctorRelay = onRelay('doctor');
    this.patientRelay = onRelay('patient');
  }
  count(side, type) {
    const got = this.got[side];
    got[type] = (got[type] ?? 0) + 1;
    const key = `${side}:${type}:${got[type]}`;
    this.waiters.get(key)?.();
    this.waiters.delete(key);
  }
  /** Resolves when `side` has received its `n`-th message of `type` (or after a timeout). */
  until(side, type, n, ms = 30_000) {
    if ((this.got[side][type] ?? 0) >= n) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), Math.max(100, Math.min(ms, timeLeft())));
      this.waiters.set(`${side}:${type}:${n}`, () => (clearTimeout(timer), resolve(true)));
    });
  }
  async connect() {
    await this.patient.connect();
    await this.doctor.connect();
    this.doctor.onRelay(this.doctorRelay);
    this.patient.onRelay(this.patientRelay);
  }
  /** Untimed: both join and trade one candidate each way, so every socket's path is warm. */
  async warmUp() {
    await this.patient.join(this.spec.roomId);
    await this.doctor.join(this.spec.roomId);
    this.got = { doctor: {}, patient: {} };
    this.doctor.send('candidate', stamp('candidate', this.index), 0);
    this.patient.send('candidate', stamp('candidate', this.index), 0);
    await Promise.all([this.until('doctor', 'candidate', 1), this.until('patient', 'candidate', 1)]);
    this.got = { doctor: {}, patient: {} };
  }
  async trickle(party) {
    for (let k = 0; k < candidates; k += 1) {
      party.send('candidate', stamp('candidate', this.index), k + 1);
      await sleep(gapMs);
    }
  }
  /** Timed: the negotiation and a short chat, then both leave. */
  async run() {
    this.doctor.send('offer', stamp('offer', this.index), 0);
    await this.until('patient', 'offer', 1);
    await sleep(Math.min(gapMs, 5));
    this.patient.send('answer', stamp('answer', this.index), 0);
    await this.until('doctor', 'answer', 1);
    await Promise.all([this.trickle(this.doctor, 'doctor'), this.trickle(this.patient, 'patient')]);
    await Promise.all([this.until('doctor', 'candidate', candidates), this.until('patient', 'candidate', candidates)]);
    for (let k = 0; k < chats; k += 1) {
      const [from, to] = k % 2 === 0 ? [this.doctor, 'patient'] : [this.patient, 'doctor'];
      from.send('chat', stamp('chat', this.index), k);
      await this.until(to, 'chat', Math.floor(k / 2) + 1);
      await sleep(gapMs);
    }
    await Promise.all([this.patient.leave(), this.doctor.leave()]);
  }
  close() {
    this.doctor.close();
    this.patient.close();
  }
}

async function pool(items, concurrency, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length && timeLeft() > 0) await work(items[next++]);
    }),
  );
}

const all = rooms.map((spec, index) => new Room(spec, index));
const phases = {};
let t = performance.now();
await pool(all, connectConcurrency, async (room) => {
  try {
    await room.connect();
  } catch (error) {
    counters.connectErrors += 1;
    if (counters.ackErrorSamples.length < 5) counters.ackErrorSamples.push(`connect: ${error.message}`);
  }
});
phases.connectMs = performance.now() - t;
if (counters.connectErrors > 0) {
  process.stdout.write(
    `${JSON.stringify({ error: `${counters.connectErrors} of ${all.length * 2} sockets did not connect`, counters })}\n`,
    () => process.exit(1),
  );
  await new Promise(() => {});
}
t = performance.now();
await pool(all, connectConcurrency, (room) => room.warmUp());
phases.warmUpMs = performance.now() - t;
pending.clear();
counters.ackErrors = 0;
counters.ackErrorSamples = [];
await sleep(settleMs);

timing = true;
const cpuBefore = process.cpuUsage();
t = performance.now();
await Promise.all(
  all.map(async (room, index) => {
    if (mode === 'spread') await sleep((index / all.length) * spreadMs);
    await room.run();
  }),
);
const wallMs = performance.now() - t;
const cpu = process.cpuUsage(cpuBefore);
phases.runMs = wallMs;
const expectedPerRoom = 2 + 2 * candidates + chats;
for (const room of all) room.close();
clearTimeout(hardStop);
// Written with a callback: process.exit() right after a large write to a pipe would cut it short.
process.stdout.write(
  JSON.stringify({
    kind,
    mode,
    rooms: all.length,
    sockets: all.length * 2,
    expected: all.length * expectedPerRoom,
    sent: counters.sent,
    received: counters.received,
    lost: counters.sent - counters.received,
    duplicates: counters.duplicates,
    ackErrors: counters.ackErrors,
    ackErrorSamples: counters.ackErrorSamples,
    throughput: counters.received / ((lastReceiveAt - firstSendAt) / 1000),
    loadgenCpu: (cpu.user + cpu.system) / 1000 / wallMs,
    phases,
    latencies: Object.fromEntries(
      Object.entries(latencies).map(([type, values]) => [type, values.map((v) => Math.round(v * 1000) / 1000)]),
    ),
  }) + '\n',
  () => process.exit(0),
);
