import type { Page, WebSocket } from 'playwright-core';
import { bothInState, callState, doctorJoinsFromWaitingRoom, scheduleNow, signIn, trackPage } from './support/journey';
import { expectVideoPlaying } from './support/media';
import { createAccount } from './support/stack';
import { describeWithBrowser, twoBrowsers } from './support/two-browsers';

/** What one WebSocket of a page carried: its URL and the `type` of each JSON frame each way. */
interface SocketLog {
  url: string;
  sent: string[];
  received: string[];
}

/** Every WebSocket the page opens from now on, with the types of the plain messages it carries. */
function watchWebSockets(page: Page): SocketLog[] {
  const logs: SocketLog[] = [];
  const typeOf = (payload: string | Buffer) => {
    try {
      return String((JSON.parse(payload.toString()) as { type?: unknown }).type);
    } catch {
      // A Socket.IO frame (`42["offer",…]`) is no plain message.
      return '';
    }
  };
  page.on('websocket', (socket: WebSocket) => {
    const log: SocketLog = { url: socket.url(), sent: [], received: [] };
    logs.push(log);
    socket.on('framesent', ({ payload }) => log.sent.push(typeOf(payload)));
    socket.on('framereceived', ({ payload }) => log.received.push(typeOf(payload)));
  });
  return logs;
}

describeWithBrowser('a visit whose patient signals over the plain WebSocket', () => {
  const journey = twoBrowsers();

  it('connects a Socket.IO doctor and a ?transport=plain patient: video both ways, chat, and the end for both', async () => {
    const doctor = await createAccount('DOCTOR', 'Dr. Mira Holm');
    const patient = await createAccount('PATIENT', 'Jonas Weber', 'Europe/London');
    const reason = 'Follow-up over the plain WebSocket';
    const { page: doctorPage } = await journey.person(journey.doctorBrowser);
    const { page: patientPage } = await journey.person(journey.patientBrowser);
    trackPage(doctorPage, 'doctor');
    trackPage(patientPage, 'patient');
    const doctorSockets = watchWebSockets(doctorPage);

    await signIn(doctorPage, doctor.email);
    await doctorPage.waitForURL(/\/doctor$/);
    await scheduleNow(doctorPage, patient, reason);

    await signIn(patientPage, patient.email);
    await patientPage.waitForURL(/\/patient$/);
    const joinLink = patientPage.getByTestId('patient-appointment').filter({ hasText: reason }).locator('a[data-testid=join-call]');
    const visitPath = await joinLink.getAttribute('href');
    if (!visitPath) throw new Error('the visit has no Join link');
    // Only the visit page's own sockets count: the dashboard's closed with the page it belonged to.
    const patientSockets = watchWebSockets(patientPage);
    await patientPage.goto(`${visitPath}${visitPath.includes('?') ? '&' : '?'}transport=plain`);
    await patientPage.getByTestId('device-check').waitFor();
    await patientPage.getByTestId('join-visit').click();
    await callState(patientPage, 'waiting');

    await doctorJoinsFromWaitingRoom(doctorPage, patient);
    await bothInState([doctorPage, patientPage], 'connected');
    await Promise.all([expectVideoPlaying(doctorPage, 'remote-video'), expectVideoPlaying(patientPage, 'remote-video')]);

    // The patient's page spoke the plain protocol, and only it: offer and answer went over /ws.
    expect(patientSockets.filter((socket) => socket.url.includes('/socket.io/')).map((socket) => socket.url)).toEqual([]);
    const plain = patientSockets.filter((socket) => socket.url.includes('/ws?room_id='));
    expect(plain).toHaveLength(1);
    expect(plain[0]!.received).toEqual(expect.arrayContaining([expect.stringMatching(/^(offer|answer)$/)]));
    expect(plain[0]!.sent).toEqual(expect.arrayContaining([expect.stringMatching(/^(offer|answer)$/)]));
    // The doctor's page stayed on Socket.IO.
    expect(doctorSockets.some((socket) => socket.url.includes('/socket.io/'))).toBe(true);
    expect(doctorSockets.filter((socket) => socket.url.includes('/ws?'))).toEqual([]);

    await patientPage.getByTestId('chat-input').fill('Hello from the plain side');
    await patientPage.getByTestId('chat-send').click();
    await doctorPage.getByTestId('chat-message').filter({ hasText: 'Hello from the plain side' }).waitFor();
    await doctorPage.getByTestId('chat-input').fill('Received, Jonas: Socket.IO here');
    await doctorPage.getByTestId('chat-send').click();
    await patientPage.getByTestId('chat-message').filter({ hasText: 'Received, Jonas: Socket.IO here' }).waitFor();
    expect(plain[0]!.received).toContain('chat');

    await doctorPage.getByTestId('end-session').click();
    await doctorPage.getByTestId('confirm-ok').click();
    await Promise.all([doctorPage.getByTestId('end-screen').waitFor(), patientPage.getByTestId('end-screen').waitFor()]);
  }, 180_000);
});
