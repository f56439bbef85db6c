// A client of the seed documents' minimal signaling API, written from them (and README's
// "Seed protocols"): sign in, `POST /api/rooms/join`, then a plain WebSocket `GET /ws` speaking
// JSON messages `{ type, from, to?, room_id, payload }`. Nothing of Socket.IO.
//
// Run against `npm start` (a doctor account, e.g. the demo one printed at start):
//   node examples/plain-signaling-client.mjs --url http://localhost:3000 --email doctor@example.com --password '…'
// With no --room, the doctor starts an instant visit and is shown its link and code to share;
// every message of the room is printed; a line typed on the terminal is sent as a chat line.
import WebSocket from 'ws';

/** The token travels as the second subprotocol offered beside this marker (browsers cannot set headers). */
export const TOKEN_PROTOCOL = 'access_token';

/** Signs in with an email and password: the access token. */
export async function signIn(baseUrl, email, password) {
  const response = await fetch(new URL('/api/auth/login', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`sign-in refused: ${response.status} ${body.error}`);
  return body.accessToken;
}

/** `POST /api/rooms/join`: `{ room_id, client_id, status: "joined" }` (and `created` for a new instant room). */
export async function joinRoom(baseUrl, token, roomId) {
  const response = await fetch(new URL('/api/rooms/join', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(roomId === undefined ? {} : { room_id: roomId }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`join refused: ${response.status} ${body.reason}: ${body.error}`);
  return body;
}

/** One plain WebSocket to a room: every message it received, and ways to wait for the next one. */
export class PlainSignalingClient {
  /** Every message received and not yet taken by next(). */
  messages = [];
  /** The close code and reason, once closed. */
  closed = undefined;
  #waiters = new Set();

  constructor(ws) {
    this.ws = ws;
    ws.on('message', (data) => {
      this.messages.push(JSON.parse(Buffer.from(data).toString('utf8')));
      for (const wake of this.#waiters) wake();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      for (const wake of this.#waiters) wake();
    });
  }

  /**
   * Opens `/ws?room_id=…&client_id=…`; the token as the subprotocol beside `access_token`
   * (`via: 'protocol'`, the default) or as the `access_token` query parameter (`via: 'query'`).
   */
  static open(baseUrl, query, token, via = 'protocol') {
    const url = new URL('/ws', baseUrl.replace(/^http/, 'ws'));
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);
    if (token && via === 'query') url.searchParams.set('access_token', token);
    const ws = new WebSocket(url, token && via === 'protocol' ? [TOKEN_PROTOCOL, token] : []);
    const client = new PlainSignalingClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
    });
  }

  /** Sends a message (an object as JSON; a string as it is, to try what the server does with it). */
  send(message) {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The first message (received or to come) that matches, taken off the list. */
  next(match, ms = 5000) {
    return new Promise((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        this.#waiters.delete(wake);
      };
      const look = () => {
        const index = this.messages.findIndex(match);
        if (index < 0) return false;
        cleanup();
        resolve(this.messages.splice(index, 1)[0]);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no matching message within ${ms} ms; got ${JSON.stringify(this.messages).slice(0, 400)}`));
      }, ms);
      const wake = () => void look();
      if (!look()) this.#waiters.add(wake);
    });
  }

  /** The next `custom` message of the room engine's `event` (joined, peer-joined, waiting-room-updated, ack, …). */
  custom(event, ms) {
    return this.next((message) => message.type === 'custom' && message.payload?.event === event, ms);
  }

  error(ms) {
    return this.next((message) => message.type === 'error', ms);
  }

  whenClosed(ms = 5000) {
    return new Promise((resolve, reject) => {
      if (this.closed) return resolve(this.closed);
      const timer = setTimeout(() => reject(new Error(`not closed within ${ms} ms`)), ms);
      this.ws.once('close', (code, reason) => {
        clearTimeout(timer);
        resolve({ code, reason: reason.toString() });
      });
    });
  }

  close() {
    this.ws.close();
  }
}

async function main() {
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: 'http://localhost:3000' },
      email: { type: 'string' },
      password: { type: 'string' },
      room: { type: 'string' },
    },
  });
  if (!values.email || !values.password) {
    console.error('usage: node examples/plain-signaling-client.mjs --url http://localhost:3000 --email … --password … [--room ROOM_ID]');
    process.exit(2);
  }
  const token = await signIn(values.url, values.email, values.password);
  const joined = await joinRoom(values.url, token, values.room);
  if (joined.created)
    console.log(`Instant visit until ${joined.created.ends_at}: share ${joined.created.link} (code ${joined.created.code})`);
  const client = await PlainSignalingClient.open(values.url, { room_id: joined.room_id, client_id: joined.client_id }, token);
  client.ws.on('message', (data) => console.log(Buffer.from(data).toString('utf8')));
  client.ws.on('close', (code, reason) => {
    console.log(`closed ${code} ${reason}`);
    process.exit(0);
  });
  const { createInterface } = await import('node:readline');
  createInterface({ input: process.stdin }).on('line', (text) => {
    if (text === '/bye') client.send({ type: 'bye', room_id: joined.room_id });
    else if (text.trim()) client.send({ type: 'chat', room_id: joined.room_id, payload: { text } });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
