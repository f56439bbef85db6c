import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshots } from './support/browser';
import { bothInState, callState, reachCall, trackPage } from './support/journey';
import { createAccount } from './support/stack';
import { describeWithBrowser, twoBrowsers } from './support/two-browsers';

/** Remote video frames decoded on each connected peer connection of the page: one entry per person seen. */
function framesDecodedPerPeer(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const counts: number[] = [];
    for (const pc of (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections) {
      if (pc.connectionState !== 'connected') continue;
      let frames = 0;
      (await pc.getStats()).forEach((stat: { type: string; kind?: string; framesDecoded?: number }) => {
        if (stat.type === 'inbound-rtp' && stat.kind === 'video') frames += stat.framesDecoded ?? 0;
      });
      counts.push(frames);
    }
    return counts;
  });
}

/** Every other person's picture arrives on this page: `others` connected peer connections, each decoding video. */
async function seesEveryone(page: Page, others: number): Promise<void> {
  await page.waitForFunction((count) => document.querySelectorAll('[data-testid=tile][data-peer-id]').length === count, others);
  const deadline = Date.now() + 20_000;
  let counts: number[] = [];
  while (Date.now() < deadline) {
    counts = await framesDecodedPerPeer(page);
    if (counts.length === others && counts.every((frames) => frames > 0)) return;
    await page.waitForTimeout(500);
  }
  throw new Error(`${page.url()}: expected ${others} peer connections decoding video, got ${JSON.stringify(counts)}`);
}

describeWithBrowser('a visit with an interpreter: three people in three real browsers', () => {
  const journey = twoBrowsers({ freshBrowsersPerTest: true });
  let interpreterBrowser: Browser | undefined;
  afterEach(async () => {
    await interpreterBrowser?.close();
    interpreterBrowser = undefined;
  });

  it('the doctor invites and admits an interpreter; all three see, hear and chat; the interpreter leaves, the others go on; the doctor ends', async () => {
    const doctor = await createAccount('DOCTOR', 'Dr. Sofia Lind');
    const patient = await createAccount('PATIENT', 'Mateo García', 'Europe/Madrid');
    const reason = 'Follow-up with an interpreter';
    const [{ page: doctorPage }, { page: patientPage }] = await Promise.all([
      journey.person(journey.doctorBrowser),
      journey.person(journey.patientBrowser),
    ]);
    trackPage(doctorPage, 'doctor');
    trackPage(patientPage, 'patient');
    await reachCall(doctorPage, patientPage, doctor, patient, reason);

    // 1. In the call, the doctor invites an interpreter and copies their link.
    await doctorPage.getByTestId('invite-guest').click();
    await doctorPage.getByTestId('guest-name').fill('Ana Ruiz');
    await doctorPage.getByTestId('guest-role').selectOption('INTERPRETER');
    await doctorPage.getByTestId('invite-guest-submit').click();
    const link = (await doctorPage.getByTestId('guest-link').textContent())?.trim() ?? '';
    expect(link).toMatch(/\/j\/[\w-]+$/);

    // 2. The interpreter opens it in a browser of their own and waits in the lobby.
    interpreterBrowser = await launchBrowser();
    const { page: interpreterPage } = await journey.person(interpreterBrowser);
    trackPage(interpreterPage, 'interpreter');
    await interpreterPage.goto(link);
    await interpreterPage.getByTestId('device-check').waitFor();
    await interpreterPage.getByTestId('join-visit').click();
    await interpreterPage.getByTestId('lobby-waiting').waitFor();
    await callState(interpreterPage, 'lobby');
    const waiting = doctorPage.getByTestId('lobby-guest').filter({ hasText: 'Ana Ruiz' });
    await waiting.waitFor();
    expect(await waiting.textContent()).toContain('interpreter');
    await screenshots(doctorPage, '60-doctor-guest-waiting');
    await screenshots(interpreterPage, '61-interpreter-lobby');

    // 3. Admitted: every one of the six directions decodes video.
    await waiting.getByTestId('admit-guest').click();
    await bothInState([doctorPage, patientPage, interpreterPage], 'connected', 45_000);
    await Promise.all([seesEveryone(doctorPage, 2), seesEveryone(patientPage, 2), seesEveryone(interpreterPage, 2)]);
    const interpreterTile = patientPage.getByTestId('tile').filter({ hasText: 'Ana Ruiz' });
    expect(await interpreterTile.textContent()).toMatch(/interpreter/i);

    // 4. Chat reaches all three, with who wrote it and in which role.
    await interpreterPage.getByTestId('chat-input').fill('Hola Mateo, soy su intérprete.');
    await interpreterPage.getByTestId('chat-send').click();
    for (const page of [doctorPage, patientPage]) {
      const line = page.getByTestId('chat-message').filter({ hasText: 'Hola Mateo, soy su intérprete.' });
      await line.waitFor();
      expect(await line.textContent()).toMatch(/Ana Ruiz.*interpreter/i);
    }
    await doctorPage.getByTestId('chat-input').fill('Thank you, Ana.');
    await doctorPage.getByTestId('chat-send').click();
    await interpreterPage.getByTestId('chat-message').filter({ hasText: 'Thank you, Ana.' }).waitFor();
    await screenshots(doctorPage, '62-three-people-doctor');
    await screenshots(patientPage, '63-three-people-patient');

    // 5. The interpreter leaves; doctor and patient go on talking.
    await interpreterPage.getByTestId('leave-call').click();
    await doctorPage.waitForFunction(() => document.querySelectorAll('[data-testid=tile][data-peer-id]').length === 1);
    await patientPage.waitForFunction(() => document.querySelectorAll('[data-testid=tile][data-peer-id]').length === 1);
    await bothInState([doctorPage, patientPage], 'connected');
    await Promise.all([seesEveryone(doctorPage, 1), seesEveryone(patientPage, 1)]);

    // 6. The doctor ends the visit for everyone.
    await doctorPage.getByTestId('end-session').click();
    await doctorPage.getByTestId('confirm-ok').click();
    await Promise.all([doctorPage.getByTestId('end-screen').waitFor(), patientPage.getByTestId('end-screen').waitFor()]);
  }, 240_000);
});
