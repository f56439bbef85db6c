import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import ts from 'typescript';
import { CALL_STATS_INTERVAL_MS, type JoinRoomAck, type LobbyGuest, type MediaState, type Participant } from '@telehealth/contracts';
import { browserAvailable, launchBrowser } from '../../../e2e/support/browser';
import type { CallEngine, RemotePeer, SignalingSocket } from './index';

/*
 * Three CallEngines in one real Chromium page, each with the fake camera and microphone,
 * over an in-page signaling server that behaves as the brief of the real one says (a guest
 * waits in the lobby until the doctor admits them, one `peer-joined` per pair, signaling
 * relayed by `to` and marked `from`). It proves the full mesh really carries media.
 */

const describeInBrowser = browserAvailable() ? describe : describe.skip;

/** The engine's modules as CommonJS in one script that puts the library on `window.callEngineLib`. */
function engineBundle(): string {
  // The contracts library is zod schemas and constants: the engine only takes constants from it at run time.
  const contracts = `${JSON.stringify('@telehealth/contracts')}: function (module) { module.exports = ${JSON.stringify({ CALL_STATS_INTERVAL_MS })}; }`;
  const factories = fs
    .readdirSync(__dirname)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
    .map((file) => {
      const source = fs.readFileSync(path.join(__dirname, file), 'utf8');
      const { outputText } = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
      });
      return `${JSON.stringify(`./${file.replace(/\.ts$/, '')}`)}: function (module, exports, require) {\n${outputText}\n}`;
    });
  return `window.callEngineLib = (() => {
    const factories = {${[contracts, ...factories].join(',\n')}};
    const cache = {};
    const load = (name) => {
      if (!cache[name]) {
        cache[name] = { exports: {} };
        factories[name](cache[name], cache[name].exports, load);
      }
      return cache[name].exports;
    };
    return load('./index');
  })();`;
}

type Person = Participant;
type Action = 'admit' | 'remove' | 'mute' | 'leave' | 'share-screen' | 'stop-sharing' | 'camera-on';

interface LinkView {
  userId: string;
  connection: string;
  tracks: string[];
  media: MediaState;
  framesDecoded: number;
  /** Frames decoded of their camera's video track, and of their shared screen's (null when no screen is shown). */
  cameraFrames: number;
  screenFrames: number | null;
  sendingAudio: boolean;
  verificationCode: string | null;
}

interface CallView {
  state: string;
  links: LinkView[];
  presence: string[];
  lobby: LobbyGuest[];
  loudest: number;
  videoLevel: string;
  /** The `call-stats` this person sent. */
  callStats: Array<{ peerId: string; path: string; reconnects: number }>;
}

interface LabOptions {
  /** The server alters the DTLS fingerprint in the offers it relays (a server sitting in the middle). */
  tamperFingerprints?: boolean;
}

/** What the test drives in the page. */
interface Lab {
  configure(options: LabOptions): void;
  /** `sharing`: the person shares a screen before joining. */
  open(person: Person, camera?: boolean, sharing?: boolean): Promise<JoinRoomAck>;
  act(userId: string, action: Action, target?: string): Promise<void>;
  view(userId: string): Promise<CallView>;
}

type LabWindow = { lab: Lab; callEngineLib: typeof import('./index') };

/** Runs in the page: a signaling server, and a call for each person on demand. */
function installCallLab(): void {
  const { CallEngine } = (window as unknown as LabWindow).callEngineLib;
  type Payload = Partial<{
    to: string;
    sdp: string;
    candidate: unknown;
    guestId: string;
    userId: string;
    peerId: string;
    path: string;
    reconnects: number;
  }>;
  const settings: LabOptions = {};
  const callStats = new Map<string, CallView['callStats']>();
  // One hex byte of each fingerprint line changed: the certificate the other side will expect is not the sender's.
  const tampered = (sdp: string) =>
    sdp.replace(/(a=fingerprint:\S+ )([0-9A-Fa-f]{2})/g, (_, head: string, byte: string) => `${head}${byte === '00' ? '01' : '00'}`);
  type Client = { person: Person; handlers: Map<string, Set<(payload: unknown) => void>>; admitted: boolean; present: boolean };
  const clients = new Map<string, Client>();
  const order: string[] = [];
  const later = (work: () => void) => setTimeout(work, 5);
  const client = (userId: string) => clients.get(userId)!;
  const send = (userId: string, event: string, payload: unknown) =>
    later(() =>
      client(userId)
        .handlers.get(event)
        ?.forEach((handler) => handler(payload)),
    );
  const others = (userId: string) => order.filter((id) => id !== userId && client(id).present);
  const lobby = (): LobbyGuest[] =>
    order
      .map(client)
      .filter(({ person, admitted }) => person.role === 'GUEST' && !admitted)
      .map(({ person }) => ({ guestId: person.userId, name: person.name, guestRole: person.guestRole ?? 'OTHER', since: '' }));
  const lobbyChanged = () => {
    const doctor = order.find((id) => client(id).person.role === 'DOCTOR');
    if (doctor) send(doctor, 'lobby-updated', { waiting: lobby() });
  };

  function join(self: Person, admitted: boolean): object {
    const base = { sessionId: 'session-1', appointmentId: 'appt-1', self, endsAt: '2099-01-01T00:00:00Z' };
    if (!admitted) {
      lobbyChanged();
      return { ok: true, admitted: false, ...base };
    }
    const present = others(self.userId);
    client(self.userId).present = true;
    // The one who was there first is impolite towards the newcomer.
    for (const id of present) {
      send(id, 'peer-joined', { peer: self, polite: false, resumed: false });
      send(self.userId, 'peer-joined', { peer: client(id).person, polite: true, resumed: false });
    }
    if (present.length === 0) send(self.userId, 'waiting-for-peer', { sessionId: 'session-1', since: '' });
    const peers = present.map((id) => client(id).person);
    return { ok: true, admitted: true, ...base, peers, chat: [], chatHasMore: false, lobby: self.role === 'DOCTOR' ? lobby() : [] };
  }

  function depart(userId: string, told?: { event: string; message: string }): void {
    client(userId).present = false;
    if (told) send(userId, told.event, { sessionId: 'session-1', message: told.message });
    others(userId).forEach((id) => send(id, 'peer-left', { peer: client(userId).person }));
  }

  function serve({ person: self, admitted }: Client, event: string, payload: Payload): object {
    switch (event) {
      case 'join-room':
        return join(self, self.role !== 'GUEST' || admitted);
      case 'offer':
      case 'answer': {
        const sdp = event === 'offer' && settings.tamperFingerprints ? tampered(payload.sdp!) : payload.sdp;
        send(payload.to!, event, { sdp, from: self.userId });
        break;
      }
      case 'call-stats':
        callStats.set(self.userId, [...(callStats.get(self.userId) ?? []), payload as CallView['callStats'][number]]);
        break;
      case 'ice-candidate':
        send(payload.to!, event, { candidate: payload.candidate, from: self.userId });
        break;
      case 'media-state':
        others(self.userId).forEach((id) => send(id, event, { ...payload, from: self.userId }));
        break;
      case 'admit-guest':
        client(payload.guestId!).admitted = true;
        send(payload.guestId!, 'admitted', { sessionId: 'session-1' });
        lobbyChanged();
        break;
      case 'remove-participant':
        depart(payload.userId!, { event: 'removed', message: 'The doctor removed you from the visit.' });
        break;
      case 'leave-room':
        depart(self.userId);
        break;
      default:
        return { ok: false, code: 400, error: `unknown event ${event}`, reason: 'invalid_request' };
    }
    return { ok: true };
  }

  function socketFor(person: Person): SignalingSocket {
    const self: Client = { person, handlers: new Map(), admitted: false, present: false };
    clients.set(person.userId, self);
    order.push(person.userId);
    const socket = {
      recovered: false,
      on: (event: string, handler: (payload: unknown) => void) =>
        self.handlers.set(event, (self.handlers.get(event) ?? new Set()).add(handler)),
      off: (event: string, handler: (payload: unknown) => void) => self.handlers.get(event)?.delete(handler),
      io: { on: () => undefined, off: () => undefined },
      timeout: () => ({
        emitWithAck: (event: string, payload: Payload) => new Promise((resolve) => later(() => resolve(serve(self, event, payload)))),
      }),
    };
    return socket as unknown as SignalingSocket;
  }

  /** As on the call screen: a stream nobody plays is never decoded, and its audio level stays 0. */
  function play(listener: Person, peers: RemotePeer[]): void {
    for (const { participant, stream, screen } of peers) {
      for (const [what, shown] of [
        ['hears', stream],
        ['sees-screen-of', screen],
      ] as const) {
        const id = `${listener.userId}-${what}-${participant.userId}`;
        const element =
          (document.getElementById(id) as HTMLVideoElement | null) ??
          document.body.appendChild(Object.assign(document.createElement('video'), { id, muted: what !== 'hears' }));
        if (element.srcObject === shown) continue;
        element.srcObject = shown;
        if (shown) void element.play().catch(() => undefined);
      }
    }
  }

  async function linkView(engine: CallEngine, peer: RemotePeer): Promise<LinkView> {
    let framesDecoded = 0;
    let cameraFrames = 0;
    let screenFrames: number | null = null;
    let sendingAudio = false;
    const cameraTrack = peer.stream?.getVideoTracks()[0]?.id;
    const screenTrack = peer.screen?.getVideoTracks()[0]?.id;
    if (screenTrack) screenFrames = 0;
    type Stat = RTCStats & { kind?: string; framesDecoded?: number; trackIdentifier?: string };
    (await engine.getStats(peer.participant.userId))?.forEach((stat: Stat) => {
      if (stat.type === 'inbound-rtp' && stat.kind === 'video') {
        framesDecoded += stat.framesDecoded ?? 0;
        if (stat.trackIdentifier === cameraTrack) cameraFrames += stat.framesDecoded ?? 0;
        if (screenTrack && stat.trackIdentifier === screenTrack) screenFrames = (screenFrames ?? 0) + (stat.framesDecoded ?? 0);
      }
      if (stat.type === 'media-source' && stat.kind === 'audio') sendingAudio = true;
    });
    const tracks = (peer.stream?.getTracks() ?? []).map((track) => track.kind).sort();
    return {
      userId: peer.participant.userId,
      connection: peer.connection,
      tracks,
      media: peer.media,
      framesDecoded,
      cameraFrames,
      screenFrames,
      sendingAudio,
      verificationCode: peer.verificationCode,
    };
  }

  /** A screen to share: the browser's fake one, or a drawn canvas where getDisplayMedia wants a gesture. */
  async function screenStream(): Promise<MediaStream> {
    try {
      return await navigator.mediaDevices.getDisplayMedia({ video: true });
    } catch {
      const canvas = Object.assign(document.createElement('canvas'), { width: 640, height: 360 });
      const context = canvas.getContext('2d')!;
      setInterval(() => {
        context.fillStyle = `hsl(${Date.now() % 360} 60% 50%)`;
        context.fillRect(0, 0, canvas.width, canvas.height);
      }, 50);
      return canvas.captureStream(15);
    }
  }

  const calls = new Map<string, { engine: CallEngine; presence: string[]; lobby: LobbyGuest[]; peers: RemotePeer[] }>();
  (window as unknown as LabWindow).lab = {
    configure(options) {
      Object.assign(settings, options);
    },
    async open(person, camera = true, sharing = false) {
      const localStream = await navigator.mediaDevices.getUserMedia({ audio: true, video: camera ? { width: 320, height: 240 } : false });
      const engine = new CallEngine({
        socket: socketFor(person),
        roomId: 'room-1',
        localStream,
        iceServers: [],
        statsIntervalMs: 300,
        callStatsIntervalMs: 1000,
      });
      const call = { engine, presence: [] as string[], lobby: [] as LobbyGuest[], peers: [] as RemotePeer[] };
      engine.on('presence', ({ kind, participant }) => call.presence.push(`${participant.name} ${kind}`));
      engine.on('lobby', (waiting) => (call.lobby = waiting));
      engine.on('peers', (peers) => {
        call.peers = peers;
        play(person, peers);
      });
      calls.set(person.userId, call);
      if (sharing) await engine.startScreenShare(await screenStream());
      return engine.join();
    },
    async act(userId, action, target) {
      const { engine } = calls.get(userId)!;
      if (action === 'admit') await engine.admitGuest(target!);
      if (action === 'remove') await engine.removeParticipant(target!);
      if (action === 'mute') engine.setAudioEnabled(false);
      if (action === 'leave') await engine.leave();
      if (action === 'share-screen') await engine.startScreenShare(await screenStream());
      if (action === 'stop-sharing') await engine.stopScreenShare();
      if (action === 'camera-on') {
        const camera = await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 240 } });
        await engine.replaceLocalTrack('video', camera.getVideoTracks()[0]!);
        engine.setVideoEnabled(true);
      }
    },
    async view(userId) {
      const { engine, presence, lobby, peers } = calls.get(userId)!;
      const links = await Promise.all(engine.peers.map((peer) => linkView(engine, peer)));
      const loudest = Math.max(0, ...peers.map((peer) => peer.audioLevel));
      return {
        state: engine.currentState,
        links,
        presence,
        lobby,
        loudest,
        videoLevel: engine.videoLevel,
        callStats: callStats.get(userId) ?? [],
      };
    },
  };
}

const doctor: Person = { userId: 'doctor-1', name: 'Dr. Ada Moss', role: 'DOCTOR' };
const patient: Person = { userId: 'patient-1', name: 'Ben Ortiz', role: 'PATIENT' };
const interpreter: Person = { userId: 'guest-1', name: 'Ana Ruiz', role: 'GUEST', guestRole: 'INTERPRETER' };

function view(page: Page, userId: string): Promise<CallView> {
  return page.evaluate((id) => (window as unknown as LabWindow).lab.view(id), userId);
}

function open(page: Page, person: Person, camera = true, sharing = false): Promise<JoinRoomAck> {
  return page.evaluate(([who, withCamera, withScreen]) => (window as unknown as LabWindow).lab.open(who, withCamera, withScreen), [
    person,
    camera,
    sharing,
  ] as const);
}

function act(page: Page, userId: string, action: Action, target?: string): Promise<void> {
  return page.evaluate(([who, what, whom]) => (window as unknown as LabWindow).lab.act(who, what, whom), [userId, action, target] as const);
}

function configure(page: Page, options: LabOptions): Promise<void> {
  return page.evaluate((given) => (window as unknown as LabWindow).lab.configure(given), options);
}

/** What the adaptive seam feeds each engine for its link with `userId` (no entry: the real stats). */
function replayStats(page: Page, byUserId: Record<string, object[]>): Promise<void> {
  return page.evaluate((entries) => {
    Object.assign(globalThis, { __telehealthStatsReplay: (userId: string) => entries[userId] });
  }, byUserId);
}

/** The link `viewer` has with `userId`. */
async function linkOf(page: Page, viewer: string, userId: string): Promise<LinkView | undefined> {
  return (await view(page, viewer)).links.find((link) => link.userId === userId);
}

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Everyone named is connected to each of the others, with both their tracks and decoded video. */
async function meshCarriesMedia(page: Page, people: string[]): Promise<void> {
  await eventually(
    async () => {
      const views = await Promise.all(people.map((id) => view(page, id)));
      return views.every(
        (seen) =>
          seen.state === 'connected' &&
          seen.links.length === people.length - 1 &&
          seen.links.every((link) => link.connection === 'connected' && link.tracks.join() === 'audio,video' && link.framesDecoded > 0),
      );
    },
    `a full mesh carrying media between ${people.join(', ')}`,
  );
}

describeInBrowser('CallEngine in Chromium', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser(['--autoplay-policy=no-user-gesture-required']);
  }, 30_000);

  beforeEach(async () => {
    const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
    page = await context.newPage();
    // A localhost page is a secure context: getUserMedia works there.
    await page.route('http://localhost/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>call lab</title>' }),
    );
    await page.goto('http://localhost/');
    await page.addScriptTag({ content: engineBundle() });
    await page.evaluate(installCallLab);
  });

  afterEach(async () => {
    await page.context().close();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('connects a doctor, a patient and an admitted interpreter in a full mesh, then follows mute, removal and leaving', async () => {
    await open(page, doctor);
    await open(page, patient);
    await meshCarriesMedia(page, [doctor.userId, patient.userId]);

    const lobbyAnswer = await open(page, interpreter);
    expect(lobbyAnswer.admitted).toBe(false);
    expect((await view(page, interpreter.userId)).state).toBe('lobby');
    await eventually(async () => (await view(page, doctor.userId)).lobby.length === 1, 'the doctor sees the interpreter waiting');

    await act(page, doctor.userId, 'admit', interpreter.userId);
    await meshCarriesMedia(page, [doctor.userId, patient.userId, interpreter.userId]);
    expect((await view(page, doctor.userId)).presence).toEqual(['Ben Ortiz joined', 'Ana Ruiz joined']);
    expect((await view(page, interpreter.userId)).presence).toEqual([]);
    // Chromium's fake microphone beeps: someone is heard.
    await eventually(async () => (await view(page, patient.userId)).loudest > 0, 'an audio level above zero');
    expect((await view(page, doctor.userId)).links.map((link) => link.sendingAudio)).toEqual([true, true]);

    await act(page, doctor.userId, 'mute');
    await eventually(async () => {
      const [heardByPatient, heardByInterpreter] = await Promise.all([view(page, patient.userId), view(page, interpreter.userId)]);
      return [heardByPatient, heardByInterpreter].every(
        (seen) => seen.links.find((link) => link.userId === doctor.userId)?.media.audio === false,
      );
    }, 'everyone sees the doctor muted');
    // replaceTrack(null) on every pair: no audio source is attached to any of the doctor's peer connections.
    expect((await view(page, doctor.userId)).links.map((link) => link.sendingAudio)).toEqual([false, false]);

    await act(page, doctor.userId, 'remove', interpreter.userId);
    await eventually(async () => (await view(page, interpreter.userId)).state === 'removed', 'the interpreter is removed');
    await eventually(async () => (await view(page, patient.userId)).presence.includes('Ana Ruiz left'), 'the patient is told');
    await meshCarriesMedia(page, [doctor.userId, patient.userId]);

    await act(page, patient.userId, 'leave');
    await eventually(async () => (await view(page, doctor.userId)).state === 'peer-left', 'the doctor is alone again');
  }, 90_000);

  it('shows a shared screen on the other side with the camera still coming, and the camera alone after it stops', async () => {
    await open(page, doctor);
    await open(page, patient);
    await meshCarriesMedia(page, [doctor.userId, patient.userId]);
    // Both sides of the pair derived the same code from the fingerprints they applied.
    const [doctorSees, patientSees] = await Promise.all([
      linkOf(page, doctor.userId, patient.userId),
      linkOf(page, patient.userId, doctor.userId),
    ]);
    expect(doctorSees?.verificationCode).toMatch(/^\d{3} \d{3}$/);
    expect(patientSees?.verificationCode).toBe(doctorSees?.verificationCode);

    // The patient is the polite side of the pair: their new sender is offered all the same.
    await act(page, patient.userId, 'share-screen');
    await eventually(async () => {
      const link = await linkOf(page, doctor.userId, patient.userId);
      return !!link?.media.screenStreamId && (link.screenFrames ?? 0) > 5 && link.tracks.join() === 'audio,video';
    }, 'the doctor decodes the patient’s screen');
    const before = (await linkOf(page, doctor.userId, patient.userId))!;
    await eventually(
      async () => ((await linkOf(page, doctor.userId, patient.userId))?.cameraFrames ?? 0) > before.cameraFrames,
      'the camera still decodes',
    );

    await act(page, patient.userId, 'stop-sharing');
    await eventually(async () => {
      const link = await linkOf(page, doctor.userId, patient.userId);
      return link?.screenFrames === null && !link.media.screenStreamId;
    }, 'the screen is gone on the doctor’s side');
    const after = (await linkOf(page, doctor.userId, patient.userId))!;
    await eventually(
      async () => ((await linkOf(page, doctor.userId, patient.userId))?.cameraFrames ?? 0) > after.cameraFrames,
      'the camera decodes on',
    );
    expect((await view(page, doctor.userId)).callStats.some((stats) => stats.peerId === patient.userId && stats.path === 'direct')).toBe(
      true,
    );
  }, 60_000);

  it('shows a screen shared before joining, by the polite side of the pair', async () => {
    await open(page, doctor);
    await open(page, patient, true, true);
    await eventually(async () => {
      const link = await linkOf(page, doctor.userId, patient.userId);
      return (link?.screenFrames ?? 0) > 5 && (link?.cameraFrames ?? 0) > 5;
    }, 'the doctor decodes the patient’s screen and camera');
  }, 30_000);

  it('lets a patient who joined audio only turn the camera on mid-call, and the doctor see it', async () => {
    await open(page, doctor);
    await open(page, patient, false);
    await eventually(
      async () => ((await linkOf(page, patient.userId, doctor.userId))?.framesDecoded ?? 0) > 0,
      'the patient sees the doctor',
    );
    expect((await linkOf(page, doctor.userId, patient.userId))?.media).toEqual({ audio: true, video: false, videoOff: 'person' });

    await act(page, patient.userId, 'camera-on');
    await eventually(async () => {
      const link = await linkOf(page, doctor.userId, patient.userId);
      return link?.media.video === true && link.cameraFrames > 5;
    }, 'the doctor decodes the patient’s camera');
  }, 60_000);

  it('gives the two sides different codes when the server alters a fingerprint in transit', async () => {
    await configure(page, { tamperFingerprints: true });
    await open(page, doctor);
    await open(page, patient);
    await eventually(async () => {
      const [doctorSees, patientSees] = await Promise.all([
        linkOf(page, doctor.userId, patient.userId),
        linkOf(page, patient.userId, doctor.userId),
      ]);
      return !!doctorSees?.verificationCode && !!patientSees?.verificationCode;
    }, 'both sides have a code');
    const [doctorSees, patientSees] = await Promise.all([
      linkOf(page, doctor.userId, patient.userId),
      linkOf(page, patient.userId, doctor.userId),
    ]);
    expect(patientSees!.verificationCode).not.toBe(doctorSees!.verificationCode);
  }, 30_000);

  it('lowers, then pauses the video on a recorded poor connection, telling the other side, and brings it back', async () => {
    const lossy = (fractionLost: number, rttSeconds: number, outgoingBps: number) => [
      { type: 'remote-inbound-rtp', kind: 'video', fractionLost, roundTripTime: rttSeconds },
      { type: 'remote-inbound-rtp', kind: 'audio', fractionLost, roundTripTime: rttSeconds },
      {
        type: 'candidate-pair',
        nominated: true,
        state: 'succeeded',
        currentRoundTripTime: rttSeconds,
        availableOutgoingBitrate: outgoingBps,
      },
    ];
    await open(page, doctor);
    await open(page, patient);
    await meshCarriesMedia(page, [doctor.userId, patient.userId]);

    // Only the doctor's link with the patient is fed: the doctor's side adapts.
    await replayStats(page, { [patient.userId]: lossy(0.2, 0.7, 100_000) });
    await eventually(async () => (await view(page, doctor.userId)).videoLevel === 'reduced', 'reduced video', 10_000);
    await eventually(async () => (await view(page, doctor.userId)).videoLevel === 'audio-only', 'audio only', 10_000);
    await eventually(
      async () => (await linkOf(page, patient.userId, doctor.userId))?.media.videoOff === 'network',
      'the patient is told the doctor’s video is paused by the network',
    );

    await replayStats(page, { [patient.userId]: lossy(0, 0.03, 2_000_000) });
    await eventually(async () => (await view(page, doctor.userId)).videoLevel === 'full', 'full video again', 15_000);
    await eventually(
      async () => (await linkOf(page, patient.userId, doctor.userId))?.media.video === true,
      'the patient sees video announced',
    );
    const resumed = (await linkOf(page, patient.userId, doctor.userId))!.cameraFrames;
    await eventually(
      async () => ((await linkOf(page, patient.userId, doctor.userId))?.cameraFrames ?? 0) > resumed,
      'the doctor’s camera decodes again',
    );
  }, 60_000);

  it('lets a doctor without a camera see and hear the others, and them hear the doctor', async () => {
    await open(page, doctor, false);
    await open(page, patient);

    await eventually(async () => {
      const [doctorSees, patientSees] = await Promise.all([view(page, doctor.userId), view(page, patient.userId)]);
      return (doctorSees.links[0]?.framesDecoded ?? 0) > 0 && patientSees.links[0]?.tracks.join() === 'audio';
    }, 'video to the doctor and audio from them');
  }, 60_000);
});
