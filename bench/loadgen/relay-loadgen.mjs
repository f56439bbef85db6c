// Load generator of the relay benchmarks (relay.mjs, cross-node.mjs): runs in its own process
// (core 1), opens the sockets of every room, warms every room up, then runs the timed workload,
// and prints one JSON line. Workload 'pair': doctor and patient; offer, answer, 10 ICE candidates
// each way, 5 chat messages, leave. Workload 'mesh4' (Socket.IO only): doctor, patient and the
// room's guests (admitted by the doctor in the warm-up); every pair of the mesh trades the pair
// workload's offer, answer and candidates, addressed with `to`; 5 chat messages to the room; leave.
// Kinds: 'socketio' (our gateway, bare relay), 'peerjs' (the PeerJS server), 'plain' (our API's
// plain WebSocket `/ws`, libs/contracts/src/plain-signaling.ts; the pair workload only).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { io } = require('socket.io-client');
const WebSocket = require('ws');

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const {
  kind, // 'socketio' | 'peerjs' | 'plain'
  workload = 'pair', // 'pair' | 'mesh4'
  joinWithUserId = false, // the bare relay has no authentication: the join names the person, for `to`
  announcesPeers = false, // the gateway tells everyone of everyone (join ack and peer-joined): checked in the warm-up
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
let phase = 'connect';
const hardStop = setTimeout(() => {
  const waiting = phase === 'run' ? `, ${counters.received} of ${counters.sent} timed messages received` : '';
  console.error(`load generator: deadline of ${deadlineMs} ms reached in phase ${phase}${waiting}`);
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
/** message id -> { sentAt, type, room, from, to (one recipient) or remaining (a room broadcast), seen } */
const pending = new Map();
const latencies = { offer: [], answer: [], candidate: [], chat: [] };
const counters = {
  sent: 0,
  received: 0,
  duplicates: 0,
  misrouted: 0, // reached someone other than its `to`
  wrongFrom: 0, // stamped with someone other than its sender
  ackErrors: 0,
  ackErrorSamples: [],
  connectErrors: 0,
  admittedFromLobby: 0, // guests who waited in the lobby and were admitted by the doctor (warm-up)
  peerMismatches: 0, // people told of fewer or more peers than their room holds (warm-up)
};
let firstSendAt = Infinity;
let lastReceiveAt = 0;
let timing = false;

/** A new message id; timed, it is awaited by `recipients` people (`to`: exactly that one). */
function stamp(type, room, from, to, recipients = 1) {
  const id = String(nextId++);
  if (timing) {
    const now = performance.now();
    if (now < firstSendAt) firstSendAt = now;
    pending.set(id, { sentAt: now, type, room, from, to, remaining: recipients, seen: recipients > 1 ? new Set() : undefined });
    counters.sent += recipients;
  }
  return id;
}
/** Message `id` reached `by`, stamped `from`: its latency, and whether it went where it was sent. Returns its room. */
function received(id, by, from) {
  const entry = pending.get(id);
  if (!entry || entry.seen?.has(by)) {
    if (timing) counters.duplicates += 1;
    return undefined;
  }
  if (entry.to !== undefined && entry.to !== by) counters.misrouted += 1;
  if (from !== entry.from) counters.wrongFrom += 1;
  entry.seen?.add(by);
  entry.remaining -= 1;
  if (entry.remaining === 0) pending.delete(id);
  const now = performance.now();
  lastReceiveAt = now;
  latencies[entry.type].push(now - entry.sentAt);
  counters.received += 1;
  return entry.room;
}
const noteAckError = (what) => {
  counters.ackErrors += 1;
  if (counters.ackErrorSamples.length < 5) counters.ackErrorSamples.push(what);
};

// ---- transports: the same workload over Socket.IO (gateway, bare relay) or PeerJS ----

class SocketIoParty {
  constructor(url, auth, userId) {
    this.url = url;
    this.auth = auth;
    this.userId = userId;
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
  /** `handler(type, id, from)` for every relayed message. */
  onRelay(handler) {
    this.socket.on('offer', (event) => handler('offer', idOfSdp(event.sdp), event.from));
    this.socket.on('answer', (event) => handler('answer', idOfSdp(event.sdp), event.from));
    this.socket.on('ice-candidate', (event) => handler('candidate', idOfCandidate(event.candidate.candidate), event.from));
    this.socket.on('chat-message', (event) => handler('chat', idOfChat(event.body), event.from));
  }
  on(event, handler) {
    this.socket.on(event, handler);
  }
  /** Resolves with the first `event` after now (undefined after a timeout). */
  next(event, ms = 20_000) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => (this.socket.off(event, listener), resolve(undefined)), ms);
      const listener = (payload) => (clearTimeout(timer), resolve(payload ?? {}));
      this.socket.once(event, listener);
    });
  }
  request(event, payload) {
    return new Promise((resolve) => {
      this.socket.timeout(20_000).emit(event, payload, (error, ack) => {
        if (error || !ack?.ok) noteAckError(`${event}: ${error?.message ?? JSON.stringify(ack)}`);
        resolve(ack);
      });
    });
  }
  join(roomId) {
    return this.request('join-room', joinWithUserId ? { roomId, userId: this.userId } : { roomId });
  }
  /** Offers, answers and candidates go to one person (`to`), as the web client sends them (libs/call-engine); chat to the room. */
  send(type, id, seq, to) {
    if (type === 'offer' || type === 'answer') void this.request(type, { sdp: sdp(id), to });
    else if (type === 'candidate')
      void this.request('ice-candidate', { candidate: { candidate: candidateLine(id, seq), sdpMid: '0', sdpMLineIndex: 0 }, to });
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
    this.userId = id;
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
      const from = message.src;
      if (message.type === 'OFFER') handler('offer', idOfSdp(payload.sdp.sdp), from);
      else if (message.type === 'ANSWER') handler('answer', idOfSdp(payload.sdp.sdp), from);
      else if (message.type === 'CANDIDATE' && payload.chat) handler('chat', idOfChat(payload.chat), from);
      else if (message.type === 'CANDIDATE') handler('candidate', idOfCandidate(payload.candidate.candidate), from);
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

/**
 * Our API's plain WebSocket (`GET /ws?room_id=&client_id=`, the token as the subprotocol beside
 * `access_token`, as examples/plain-signaling-client.mjs opens it): the server joins the URL's
 * room itself and says `joined`; offer, answer and candidate go to one person (`to`) and are not
 * acknowledged; a chat line goes to the room and its writer gets an `ack`; `bye` leaves, answered
 * by `left`. Every `error` the server sends counts as an acknowledgement error.
 */
class PlainParty {
  constructor(url, roomId, person) {
    this.url = url.replace(/^http/, 'ws');
    this.roomId = roomId;
    this.token = person.token;
    this.userId = person.id;
    this.chatsSent = 0;
    this.chatAcks = 0;
    this.waiters = new Map();
  }
  /** Resolves when the server says `joined` (the join is part of the connection). */
  connect() {
    return new Promise((resolve, reject) => {
      const url = `${this.url}/ws?room_id=${encodeURIComponent(this.roomId)}&client_id=${encodeURIComponent(this.userId)}`;
      this.ws = new WebSocket(url, ['access_token', this.token]);
      const timer = setTimeout(() => fail(new Error('no joined within 20 s')), 20_000);
      const fail = (error) => (clearTimeout(timer), this.waiters.delete('joined'), (this.connectFailed = undefined), reject(error));
      this.connectFailed = fail;
      this.waiters.set('joined', (data) => {
        clearTimeout(timer);
        this.connectFailed = undefined;
        this.joined = data;
        resolve();
      });
      this.ws.on('message', (data) => this.onMessage(JSON.parse(data.toString())));
      this.ws.once('error', fail);
      this.ws.once('close', (code, reason) => {
        this.connectFailed?.(new Error(`closed ${code} ${reason}`));
        this.waiters.get('left')?.();
      });
    });
  }
  onMessage(message) {
    const payload = message.payload;
    switch (message.type) {
      case 'offer':
      case 'answer':
        return this.handler?.(message.type, idOfSdp(payload.sdp), message.from);
      case 'candidate':
        return this.handler?.('candidate', idOfCandidate(payload.candidate), message.from);
      case 'chat':
        return this.handler?.('chat', idOfChat(payload.text), message.from);
      case 'custom': {
        if (payload.event === 'ack' && payload.data?.event === 'chat-message') this.chatAcks += 1;
        const waiter = this.waiters.get(payload.event);
        this.waiters.delete(payload.event);
        return waiter?.(payload.data);
      }
      case 'error': {
        const what = `${message.in_reply_to ?? 'connection'}: ${message.code} ${message.reason} ${message.error}`;
        if (this.connectFailed) return this.connectFailed(new Error(what));
        return noteAckError(what);
      }
      default:
        return undefined; // bye: the peer left
    }
  }
  onRelay(handler) {
    this.handler = handler;
  }
  message(type, payload, to) {
    this.ws.send(JSON.stringify(to === undefined ? { type, room_id: this.roomId, payload } : { type, to, room_id: this.roomId, payload }));
  }
  async join() {
    return { ok: true, ...this.joined }; // the server joined the URL's room at connect
  }
  send(type, id, seq, to) {
    if (type === 'offer' || type === 'answer') this.message(type, { type, sdp: sdp(id) }, to);
    else if (type === 'candidate') this.message('candidate', { candidate: candidateLine(id, seq), sdpMid: '0', sdpMLineIndex: 0 }, to);
    else {
      this.chatsSent += 1;
      this.message('chat', { text: `${id} ${CHAT_TEXT}` });
    }
  }
  /** `bye`, answered by `left` (the server then closes); by then every chat line must have had its `ack`. */
  leave() {
    return new Promise((resolve) => {
      const timer = setTimeout(() => (noteAckError('bye: no left within 20 s'), resolve({ ok: false })), 20_000);
      this.waiters.set('left', () => {
        clearTimeout(timer);
        this.waiters.delete('left');
        if (this.chatAcks !== this.chatsSent) noteAckError(`chat: ${this.chatAcks} of ${this.chatsSent} lines acknowledged`);
        resolve({ ok: true });
      });
      this.message('bye', undefined);
    });
  }
  close() {
    this.ws?.terminate();
  }
}

// ---- rooms ----

/** What a room's relayed messages have reached: counts per key, and waiters for a count. */
class Arrivals {
  constructor() {
    this.got = new Map();
    this.waiters = new Map();
  }
  reset() {
    this.got.clear();
  }
  count(key) {
    const n = (this.got.get(key) ?? 0) + 1;
    this.got.set(key, n);
    const waiter = `${key}#${n}`;
    this.waiters.get(waiter)?.();
    this.waiters.delete(waiter);
  }
  /** Resolves when `key` has counted `n` (or after a timeout). */
  until(key, n, ms = 30_000) {
    if ((this.got.get(key) ?? 0) >= n) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), Math.max(100, Math.min(ms, timeLeft())));
      this.waiters.set(`${key}#${n}`, () => (clearTimeout(timer), resolve(true)));
    });
  }
}

/** A relay handler for `party` in room `index`: bookkeeping, then `count(type, from)`. */
function relayHandler(party, index, count) {
  return (type, id, from) => {
    const room = received(id, party.userId, from);
    if (room !== undefined && room !== index) counters.duplicates += 1;
    count(type, from);
  };
}

/** Two people: the doctor offers, the patient answers, both trickle, they chat, both leave. */
class Room {
  constructor(spec, index) {
    this.spec = spec;
    this.index = index;
    if (kind === 'peerjs') {
      const d = `${spec.doctor.id}${peerSuffix}`;
      const p = `${spec.patient.id}${peerSuffix}`;
      this.doctor = new PeerJsParty(urlB, d, p);
      this.patient = new PeerJsParty(urlA, p, d);
    } else if (kind === 'plain') {
      this.doctor = new PlainParty(urlB, spec.roomId, spec.doctor);
      this.patient = new PlainParty(urlA, spec.roomId, spec.patient);
    } else {
      this.doctor = new SocketIoParty(urlB, { token: spec.doctor.token }, spec.doctor.id);
      this.patient = new SocketIoParty(urlA, { token: spec.patient.token }, spec.patient.id);
    }
    this.arrivals = new Arrivals();
  }
  until(side, type, n) {
    return this.arrivals.until(`${side}:${type}`, n);
  }
  async connect() {
    await this.patient.connect();
    await this.doctor.connect();
    this.doctor.onRelay(relayHandler(this.doctor, this.index, (type) => this.arrivals.count(`doctor:${type}`)));
    this.patient.onRelay(relayHandler(this.patient, this.index, (type) => this.arrivals.count(`patient:${type}`)));
  }
  send(from, type, seq) {
    const to = from === this.doctor ? this.patient : this.doctor;
    from.send(type, stamp(type, this.index, from.userId, to.userId), seq, to.userId);
  }
  /** Untimed: both join and trade one candidate each way, so every socket's path is warm. */
  async warmUp() {
    await this.patient.join(this.spec.roomId);
    await this.doctor.join(this.spec.roomId);
    this.arrivals.reset();
    this.send(this.doctor, 'candidate', 0);
    this.send(this.patient, 'candidate', 0);
    await Promise.all([this.until('doctor', 'candidate', 1), this.until('patient', 'candidate', 1)]);
    this.arrivals.reset();
  }
  async trickle(party) {
    for (let k = 0; k < candidates; k += 1) {
      this.send(party, 'candidate', k + 1);
      await sleep(gapMs);
    }
  }
  /** Timed: the negotiation and a short chat, then both leave. */
  async run() {
    this.send(this.doctor, 'offer', 0);
    await this.until('patient', 'offer', 1);
    await sleep(Math.min(gapMs, 5));
    this.send(this.patient, 'answer', 0);
    await this.until('doctor', 'answer', 1);
    await Promise.all([this.trickle(this.doctor), this.trickle(this.patient)]);
    await Promise.all([this.until('doctor', 'candidate', candidates), this.until('patient', 'candidate', candidates)]);
    for (let k = 0; k < chats; k += 1) {
      const [from, to] = k % 2 === 0 ? [this.doctor, 'patient'] : [this.patient, 'doctor'];
      from.send('chat', stamp('chat', this.index, from.userId), k);
      await this.until(to, 'chat', Math.floor(k / 2) + 1);
      await sleep(gapMs);
    }
    await Promise.all([this.patient.leave(), this.doctor.leave()]);
  }
  close() {
    this.doctor.close();
    this.patient.close();
  }
  messages() {
    return 2 + 2 * candidates + chats;
  }
}

const NEGOTIATION_RANK = { DOCTOR: 0, PATIENT: 1, GUEST: 2 };
/** Who offers in a pair: the impolite side, as libs/room-engine's isPoliteTowards decides (doctor, then patient, then the smaller id). */
const offersTo = (a, b) =>
  NEGOTIATION_RANK[a.role] !== NEGOTIATION_RANK[b.role] ? NEGOTIATION_RANK[a.role] < NEGOTIATION_RANK[b.role] : a.id < b.id;

/**
 * Everyone of a visit (doctor, patient, guests) in one mesh: each pair negotiates on its own, as
 * the pair workload does, every message addressed with `to`; chat lines go to the whole room.
 * Each socket sends at most one message every `gapMs` (its sends to all its peers share that pace).
 */
class MeshRoom {
  constructor(spec, index) {
    if (kind !== 'socketio') throw new Error('the mesh4 workload runs on Socket.IO servers only');
    this.spec = spec;
    this.index = index;
    const person = (who, role, url) => ({ id: who.id, role, party: new SocketIoParty(url, { token: who.token }, who.id), nextSendAt: 0 });
    this.doctor = person(spec.doctor, 'DOCTOR', urlB);
    this.patient = person(spec.patient, 'PATIENT', urlA);
    this.guests = spec.guests.map((guest) => person(guest, 'GUEST', urlA));
    this.people = [this.doctor, this.patient, ...this.guests];
    this.pairs = [];
    for (let i = 0; i < this.people.length; i += 1)
      for (let j = i + 1; j < this.people.length; j += 1) {
        const [a, b] = [this.people[i], this.people[j]];
        this.pairs.push(offersTo(a, b) ? { offerer: a, answerer: b } : { offerer: b, answerer: a });
      }
    this.arrivals = new Arrivals();
    this.peersKnown = new Map(this.people.map((p) => [p.id, new Set()]));
  }
  async connect() {
    for (const p of this.people) await p.party.connect();
    for (const p of this.people) {
      // Chat lines are counted per recipient, negotiation messages per recipient and sender.
      p.party.onRelay(
        relayHandler(p.party, this.index, (type, from) => this.arrivals.count(`${p.id}:${type}:${type === 'chat' ? '*' : from}`)),
      );
      p.party.on('peer-joined', (event) => this.peersKnown.get(p.id).add(event?.peer?.userId));
    }
  }
  /** Waits for `p`'s next send slot: one message every gapMs per socket, whichever peer it is for. */
  async slot(p) {
    const now = performance.now();
    const at = Math.max(now, p.nextSendAt);
    p.nextSendAt = at + gapMs;
    if (at > now) await sleep(at - now);
  }
  async send(from, to, type, seq) {
    await this.slot(from);
    from.party.send(type, stamp(type, this.index, from.id, to.id), seq, to.id);
  }
  until(to, type, from, n) {
    return this.arrivals.until(`${to.id}:${type}:${from.id}`, n);
  }
  /** A guest's join: waits in the lobby until the doctor admits them, then joins again (a later round finds them admitted). */
  async admit(guest) {
    const first = await guest.party.join(this.spec.roomId);
    if (!first?.ok || first.admitted !== false) return first;
    const admitted = guest.party.next('admitted');
    await this.doctor.party.request('admit-guest', { guestId: guest.id });
    if (!(await admitted)) {
      noteAckError(`admitted: guest ${guest.id} was never told`);
      return undefined;
    }
    counters.admittedFromLobby += 1;
    const again = await guest.party.join(this.spec.roomId);
    if (again?.ok && again.admitted !== true) noteAckError(`join-room after admission: ${JSON.stringify(again)}`);
    return again;
  }
  /** Untimed: patient, doctor, then the guests join (admitted by the doctor); one candidate each way per pair. */
  async warmUp() {
    const acks = new Map();
    acks.set(this.patient, await this.patient.party.join(this.spec.roomId));
    acks.set(this.doctor, await this.doctor.party.join(this.spec.roomId));
    await Promise.all(this.guests.map(async (guest) => acks.set(guest, await this.admit(guest))));
    for (const [p, ack] of acks) for (const peer of ack?.peers ?? []) this.peersKnown.get(p.id).add(peer.userId);
    this.arrivals.reset();
    await Promise.all(
      this.pairs.flatMap(({ offerer, answerer }) => [
        this.send(offerer, answerer, 'candidate', 0),
        this.send(answerer, offerer, 'candidate', 0),
      ]),
    );
    await Promise.all(
      this.pairs.flatMap(({ offerer, answerer }) => [
        this.until(answerer, 'candidate', offerer, 1),
        this.until(offerer, 'candidate', answerer, 1),
      ]),
    );
    this.arrivals.reset();
    if (announcesPeers) {
      for (const p of this.people) {
        const known = this.peersKnown.get(p.id);
        const others = this.people.filter((other) => other !== p);
        if (known.size !== others.length || others.some((other) => !known.has(other.id))) counters.peerMismatches += 1;
      }
    }
  }
  async trickle(from, to) {
    for (let k = 0; k < candidates; k += 1) await this.send(from, to, 'candidate', k + 1);
  }
  async negotiate({ offerer, answerer }) {
    await this.send(offerer, answerer, 'offer', 0);
    await this.until(answerer, 'offer', offerer, 1);
    await this.send(answerer, offerer, 'answer', 0);
    await this.until(offerer, 'answer', answerer, 1);
    await Promise.all([this.trickle(offerer, answerer), this.trickle(answerer, offerer)]);
    await Promise.all([this.until(answerer, 'candidate', offerer, candidates), this.until(offerer, 'candidate', answerer, candidates)]);
  }
  /** Timed: every pair negotiates at once; then chat lines to the room from each person in turn; then everyone leaves. */
  async run() {
    await Promise.all(this.pairs.map((pair) => this.negotiate(pair)));
    const chatsOf = new Map(this.people.map((p) => [p.id, 0]));
    for (let k = 0; k < chats; k += 1) {
      const from = this.people[k % this.people.length];
      const others = this.people.filter((p) => p !== from);
      await this.slot(from);
      from.party.send('chat', stamp('chat', this.index, from.id, undefined, others.length), k);
      await Promise.all(
        others.map((p) => {
          chatsOf.set(p.id, chatsOf.get(p.id) + 1);
          return this.arrivals.until(`${p.id}:chat:*`, chatsOf.get(p.id));
        }),
      );
    }
    // The patient's leave is sent first, as in the pair workload, the doctor's last: a doctor who
    // leaves before the patient puts the patient back in the waiting room (waiting-room-updated,
    // waiting-position, visit-updated to both), work the pair workload does not ask for.
    await Promise.all([this.patient, ...this.guests, this.doctor].map((p) => p.party.leave()));
  }
  close() {
    for (const p of this.people) p.party.close();
  }
  messages() {
    return this.pairs.length * (2 + 2 * candidates) + chats * (this.people.length - 1);
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

const all = rooms.map((spec, index) => (workload === 'mesh4' ? new MeshRoom(spec, index) : new Room(spec, index)));
const socketCount = all.reduce((sum, room) => sum + (room.people?.length ?? 2), 0);
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
  process.stdout.write(`${JSON.stringify({ error: `${counters.connectErrors} of ${all.length} rooms did not connect`, counters })}\n`, () =>
    process.exit(1),
  );
  await new Promise(() => {});
}
phase = 'warm-up';
t = performance.now();
await pool(all, connectConcurrency, (room) => room.warmUp());
phases.warmUpMs = performance.now() - t;
pending.clear();
const warmUp = { ackErrors: counters.ackErrors, ackErrorSamples: counters.ackErrorSamples };
counters.ackErrors = 0;
counters.ackErrorSamples = [];
counters.duplicates = 0;
counters.misrouted = 0;
counters.wrongFrom = 0;
phase = 'settle';
// The parent has the servers collect the warm-up's garbage now, so that its collection does not land in the timed window.
process.stdout.write('MARK settle\n');
await sleep(settleMs);

// The parent samples the servers' CPU at these marks: the timed window alone.
process.stdout.write('MARK timed-start\n');
timing = true;
phase = 'run';
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
process.stdout.write('MARK timed-end\n');
phases.runMs = wallMs;
const expected = all.reduce((sum, room) => sum + room.messages(), 0);
for (const room of all) room.close();
clearTimeout(hardStop);
// Written with a callback: process.exit() right after a large write to a pipe would cut it short.
process.stdout.write(
  JSON.stringify({
    kind,
    workload,
    mode,
    rooms: all.length,
    sockets: socketCount,
    expected,
    sent: counters.sent,
    received: counters.received,
    lost: counters.sent - counters.received,
    duplicates: counters.duplicates,
    misrouted: counters.misrouted,
    wrongFrom: counters.wrongFrom,
    ackErrors: counters.ackErrors,
    ackErrorSamples: counters.ackErrorSamples,
    warmUpAckErrors: warmUp.ackErrors,
    warmUpAckErrorSamples: warmUp.ackErrorSamples,
    admittedFromLobby: counters.admittedFromLobby,
    peerMismatches: counters.peerMismatches,
    throughput: counters.received / ((lastReceiveAt - firstSendAt) / 1000),
    loadgenCpu: (cpu.user + cpu.system) / 1000 / wallMs,
    phases,
    latencies: Object.fromEntries(
      Object.entries(latencies).map(([type, values]) => [type, values.map((v) => Math.round(v * 1000) / 1000)]),
    ),
  }) + '\n',
  () => process.exit(0),
);
