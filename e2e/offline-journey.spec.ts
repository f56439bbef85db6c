import { screenshots } from './support/browser';
import { bothInState, expectRemoteVideoPlaying, reachCall } from './support/journey';
import { createAccount } from './support/stack';
import { describeWithBrowser, twoBrowsers } from './support/two-browsers';

describeWithBrowser('a call through a network outage', () => {
  const journey = twoBrowsers();

  it('comes back with video on both sides after the patient is offline for 10 s', async () => {
    const doctor = await createAccount('DOCTOR', 'Dr. Nils Berg');
    const patient = await createAccount('PATIENT', 'Mia Kovac', 'Europe/London');
    const reason = 'Network outage mid-call';
    const { page: doctorPage } = await journey.person(journey.doctorBrowser);
    const { context: patientContext, page: patientPage } = await journey.person(journey.patientBrowser);
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
