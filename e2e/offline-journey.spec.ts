import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAvailable, launchBrowser, newPersonContext, screenshots } from './support/browser';
import { bothInState, expectRemoteVideoPlaying, reachCall, watchPeerConnections } from './support/journey';
import { createAccount, Stack, startStack } from './support/stack';

const describeWithBrowser = browserAvailable() ? describe : describe.skip;

describeWithBrowser('a call through a network outage', () => {
  let stack: Stack;
  let doctorBrowser: Browser;
  let patientBrowser: Browser;

  beforeAll(async () => {
    [stack, doctorBrowser, patientBrowser] = await Promise.all([startStack(), launchBrowser(), launchBrowser()]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([doctorBrowser?.close(), patientBrowser?.close()]);
    await stack?.stop();
  });

  async function person(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newPersonContext(browser, stack.webUrl);
    await watchPeerConnections(context);
    return { context, page: await context.newPage() };
  }

  it('comes back with video on both sides after the patient is offline for 10 s', async () => {
    const doctor = await createAccount('DOCTOR', 'Dr. Nils Berg');
    const patient = await createAccount('PATIENT', 'Mia Kovac', 'Europe/London');
    const reason = 'Network outage mid-call';
    const { page: doctorPage } = await person(doctorBrowser);
    const { context: patientContext, page: patientPage } = await person(patientBrowser);
    await reachCall(doctorPage, patientPage, doctor, patient, reason);

    await patientContext.setOffline(true);
    await patientPage.waitForTimeout(10_000);
    await screenshots(patientPage, '12-call-patient-offline');
    await patientContext.setOffline(false);

    await bothInState([doctorPage, patientPage], 'connected', 45_000);
    await Promise.all([expectRemoteVideoPlaying(doctorPage), expectRemoteVideoPlaying(patientPage)]);
    // Signaling works again too: a chat line crosses after the outage.
    await patientPage.getByTestId('chat-input').fill('I am back');
    await patientPage.getByTestId('chat-send').click();
    await doctorPage.getByTestId('chat-message').filter({ hasText: 'I am back' }).waitFor();
  }, 180_000);
});
