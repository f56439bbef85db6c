import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { screenshots } from './support/browser';
import { Coturn, startCoturn, turnserverAvailable } from './support/coturn';
import { expectRemoteVideoPlaying, framesDecoded, reachCall, reachCallScreens, trackPage } from './support/journey';
import { createAccount } from './support/stack';
import { describeWithBrowser, twoBrowsers, TwoBrowsers } from './support/two-browsers';

const describeWithTurn = turnserverAvailable() ? describeWithBrowser : describe.skip;

/** What each of the page's peer connections was configured with and where its media goes: the selected pair's two ends. */
interface PeerPath {
  policy: string | undefined;
  state: RTCPeerConnectionState;
  local: string | undefined;
  remote: string | undefined;
}

function peerPaths(page: Page): Promise<PeerPath[]> {
  return page.evaluate(async () => {
    const all = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    return Promise.all(
      all.map(async (pc) => {
        const entries: Array<Record<string, unknown>> = [];
        (await pc.getStats()).forEach((entry: Record<string, unknown>) => entries.push(entry));
        const byId = (id: unknown) => entries.find((entry) => entry.id === id);
        // The transport's selected pair (what the browser really sends on).
        const transport = entries.find((entry) => entry.type === 'transport' && entry.selectedCandidatePairId);
        const pair = byId(transport?.selectedCandidatePairId);
        return {
          policy: pc.getConfiguration().iceTransportPolicy,
          state: pc.connectionState,
          local: byId(pair?.localCandidateId)?.candidateType as string | undefined,
          remote: byId(pair?.remoteCandidateId)?.candidateType as string | undefined,
        };
      }),
    );
  });
}

/** The API's TURN settings: coturn's address, a secret, and relay-only calls for everyone. */
function turnSettings(turn: () => Coturn, secret: string): () => Record<string, string> {
  return () => ({ STUN_URLS: '', TURN_URLS: turn().turnUrls, TURN_SECRET: secret, ICE_TRANSPORT_POLICY: 'relay' });
}

describeWithTurn('TURN for real: Debian’s coturn with compose’s flags, relay-only calls, the API’s time-limited credentials', () => {
  const secret = `turn-${randomUUID()}`;
  let turn: Coturn | undefined;
  const coturn = () => {
    if (!turn) throw new Error('coturn is not running');
    return turn;
  };
  beforeAll(async () => {
    turn = await startCoturn(secret);
  });
  afterAll(async () => {
    await turn?.stop();
  });

  async function personPage(journey: TwoBrowsers, browser: Browser): Promise<Page> {
    const { page } = await journey.person(browser);
    trackPage(page, browser === journey.doctorBrowser ? 'doctor' : 'patient');
    return page;
  }

  describe('the API and coturn share the secret', () => {
    const journey = twoBrowsers({ stackSettings: turnSettings(coturn, secret) });

    it('connects through the relay only: frames decoded on both sides, the selected pair relay at both ends, both allocations in coturn’s log', async () => {
      const doctor = await createAccount('DOCTOR', 'Dr. Rhea Okafor');
      const patient = await createAccount('PATIENT', 'Nils Berg', 'Europe/London');
      const doctorPage = await personPage(journey, journey.doctorBrowser);
      const patientPage = await personPage(journey, journey.patientBrowser);

      const started = Date.now();
      await reachCall(doctorPage, patientPage, doctor, patient, 'Follow-up through the clinic relay');
      console.log(`relay-only call: sign-in to connected in ${Date.now() - started} ms`);
      await Promise.all([expectRemoteVideoPlaying(doctorPage), expectRemoteVideoPlaying(patientPage)]);
      for (const page of [doctorPage, patientPage]) {
        expect(await framesDecoded(page)).toBeGreaterThan(0);
        const connected = (await peerPaths(page)).filter((path) => path.state === 'connected');
        expect(connected).toEqual([{ policy: 'relay', state: 'connected', local: 'relay', remote: 'relay' }]);
      }
      await screenshots(doctorPage, 'turn-relay-call-doctor');

      // coturn checked each side's `<expiry>:<user id>` against the shared secret (compose's use-auth-secret).
      const log = coturn().log();
      for (const person of [doctor, patient]) expect(log).toMatch(new RegExp(`username=<?\\d+:${person.id}`));

      await doctorPage.getByTestId('end-session').click();
      await doctorPage.getByTestId('confirm-ok').click();
      await Promise.all([doctorPage.getByTestId('end-screen').waitFor(), patientPage.getByTestId('end-screen').waitFor()]);
    }, 180_000);
  });

  describe('the API has another secret than coturn', () => {
    const journey = twoBrowsers({ stackSettings: turnSettings(coturn, `not-coturns-${randomUUID()}`) });

    it('does not connect, and says so in a sentence on the call screen', async () => {
      const doctor = await createAccount('DOCTOR', 'Dr. Ilse Marr');
      const patient = await createAccount('PATIENT', 'Omar Haddad', 'Europe/London');
      const doctorPage = await personPage(journey, journey.doctorBrowser);
      const patientPage = await personPage(journey, journey.patientBrowser);
      // Both reach the call screen, but their relay is refused: each sees why, never a call.
      await reachCallScreens(doctorPage, patientPage, doctor, patient, 'Relay with a wrong secret');

      const joined = Date.now();
      const sentence = (name: string) =>
        `The call with ${name} could not connect: the clinic’s relay server refused the connection. Please tell the clinic.`;
      await doctorPage
        .getByTestId('relay-refused')
        .filter({ hasText: sentence(patient.name) })
        .waitFor({ timeout: 30_000 });
      await patientPage
        .getByTestId('relay-refused')
        .filter({ hasText: sentence(doctor.name) })
        .waitFor({ timeout: 30_000 });
      console.log(`wrong TURN secret: the sentence on both screens ${Date.now() - joined} ms after the doctor joined`);
      await screenshots(patientPage, 'turn-relay-refused-patient');

      for (const page of [doctorPage, patientPage]) {
        expect(await page.getByTestId('call-state').getAttribute('data-state')).not.toBe('connected');
        expect(await framesDecoded(page)).toBe(0);
        const paths = await peerPaths(page);
        expect(paths.length).toBeGreaterThan(0);
        for (const path of paths) expect([path.policy, path.state === 'connected']).toEqual(['relay', false]);
      }
      // coturn turned the credentials down (401), it did not just go unheard.
      expect(coturn().log()).toMatch(/401/);
    }, 180_000);
  });
});
