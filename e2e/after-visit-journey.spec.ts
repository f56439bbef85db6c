import type { Browser, Page } from 'playwright-core';
import { newPersonContext, SCREENSHOT_DIR, screenshots } from './support/browser';
import { downloadReport, notesStatus } from './support/history';
import { reachCall, signIn } from './support/journey';
import { createAccount } from './support/stack';
import { describeWithBrowser, twoBrowsers } from './support/two-browsers';

describeWithBrowser('after the visit: history, record, notes and report in two real browsers', () => {
  const journey = twoBrowsers();
  beforeAll(() => console.log(`screenshots: ${SCREENSHOT_DIR}`));

  async function personPage(browser: Browser): Promise<Page> {
    const { page } = await journey.person(browser);
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    return page;
  }

  it('a short visit, then notes with versions, both histories, and each side’s PDF report', async () => {
    const doctor = await createAccount('DOCTOR', 'Dr. Nora Quinn');
    const patient = await createAccount('PATIENT', 'Ravi Shah', 'Europe/London');
    const reason = 'Sore throat and mild fever';
    const chatLine = 'Good morning, my throat still hurts';
    const firstNotes = 'Pharyngitis, likely viral. Rest and fluids.';
    const secondNotes = `${firstNotes}\nReview in one week if the fever persists.`;
    const doctorPage = await personPage(journey.doctorBrowser);
    const patientPage = await personPage(journey.patientBrowser);

    // The visit: schedule now, the patient waits, the doctor joins, one chat line, the doctor ends.
    await reachCall(doctorPage, patientPage, doctor, patient, reason);
    await patientPage.getByTestId('chat-input').fill(chatLine);
    await patientPage.getByTestId('chat-send').click();
    await doctorPage.getByTestId('chat-message').filter({ hasText: chatLine }).waitFor();
    await doctorPage.getByTestId('end-session').click();
    await doctorPage.getByTestId('confirm-ok').click();
    await Promise.all([doctorPage.getByTestId('end-screen').waitFor(), patientPage.getByTestId('end-screen').waitFor()]);

    // The doctor opens the visit's record from the end screen.
    await doctorPage.getByTestId('end-screen-history').click();
    await doctorPage.waitForURL(/\/history\/[0-9a-f-]{36}$/);
    const sessionId = doctorPage.url().split('/').pop()!;
    await doctorPage.getByTestId('session-record').waitFor();
    expect(await doctorPage.getByTestId('summary-reason').textContent()).toBe(reason);
    await doctorPage
      .getByTestId('timeline-entry')
      .filter({ hasText: `${doctor.name} ended the visit` })
      .waitFor();
    await doctorPage
      .getByTestId('timeline-entry')
      .filter({ hasText: `${patient.name} joined` })
      .waitFor();
    await doctorPage.getByTestId('transcript-message').filter({ hasText: chatLine }).waitFor();
    expect(await doctorPage.getByTestId('summary-zone').textContent()).toContain('Europe/Berlin');

    // Notes: a first save is version 1, an edit is version 2 and keeps version 1 in the history.
    await notesStatus(doctorPage, 'No notes yet');
    await doctorPage.getByTestId('notes-input').fill(firstNotes);
    await notesStatus(doctorPage, 'Unsaved changes');
    await doctorPage.getByTestId('notes-save').click();
    await notesStatus(doctorPage, 'Saved · version 1');
    await doctorPage.getByTestId('notes-input').fill(secondNotes);
    await doctorPage.getByTestId('notes-save').click();
    await notesStatus(doctorPage, 'Saved · version 2');
    await doctorPage.getByTestId('notes-history-toggle').click();
    const version1 = doctorPage.locator('[data-testid=notes-version][data-version="1"]');
    await version1.locator('summary').click();
    expect(await version1.getByTestId('notes-version-body').textContent()).toBe(firstNotes);
    expect(await doctorPage.locator('[data-testid=notes-version][data-version="2"]').count()).toBe(0);

    // A second tab that loaded version 2 and saves after the first tab saved version 3: 409, text kept, merge, save.
    const otherTab = await doctorPage.context().newPage();
    await otherTab.goto(`/history/${sessionId}`);
    await notesStatus(otherTab, 'version 2');
    await doctorPage.getByTestId('notes-input').fill(`${secondNotes}\nPrescribed nothing.`);
    await doctorPage.getByTestId('notes-save').click();
    await notesStatus(doctorPage, 'Saved · version 3');
    const staleText = `${secondNotes}\nPatient asked for a sick note.`;
    await otherTab.getByTestId('notes-input').fill(staleText);
    await otherTab.getByTestId('notes-save').click();
    await otherTab.getByTestId('notes-conflict').filter({ hasText: 'changed elsewhere (version 3)' }).waitFor();
    expect(await otherTab.getByTestId('notes-input').inputValue()).toBe(staleText);
    await otherTab.getByTestId('notes-reload').click();
    await otherTab.getByTestId('notes-latest-body').filter({ hasText: 'Prescribed nothing.' }).waitFor();
    expect(await otherTab.getByTestId('notes-input').inputValue()).toBe(staleText);
    await otherTab.getByTestId('notes-input').fill(`${staleText}\nPrescribed nothing.`);
    await otherTab.getByTestId('notes-save').click();
    await notesStatus(otherTab, 'Saved · version 4');
    await otherTab.close();
    await doctorPage.reload();
    await notesStatus(doctorPage, 'version 4');
    const finalNotes = await doctorPage.getByTestId('notes-input').inputValue();
    expect(finalNotes).toContain('Patient asked for a sick note.');
    await screenshots(doctorPage, '21-doctor-visit-record');

    // Both histories list the visit; the header link gets there.
    await doctorPage.getByTestId('header-history').click();
    await doctorPage.waitForURL(/\/history$/);
    const doctorRow = doctorPage.getByTestId('history-row').filter({ hasText: reason });
    await doctorRow.waitFor();
    expect(await doctorRow.getByTestId('history-row-party').textContent()).toContain(patient.name);
    expect(await doctorRow.getByTestId('visit-status').textContent()).toBe('Completed');
    await doctorRow.getByTestId('history-row-has-notes').waitFor();
    await screenshots(doctorPage, '20-doctor-history');

    await patientPage.getByTestId('end-screen-home').click();
    await patientPage.waitForURL(/\/patient$/);
    await patientPage.getByTestId('header-history').click();
    await patientPage.waitForURL(/\/history$/);
    const patientRow = patientPage.getByTestId('history-row').filter({ hasText: reason });
    await patientRow.waitFor();
    expect(await patientRow.getByTestId('history-row-party').textContent()).toContain(doctor.name);
    expect(await patientRow.getByTestId('history-row-has-notes').count()).toBe(0);
    await screenshots(patientPage, '22-patient-history');
    await patientRow.getByTestId('history-row-link').click();
    await patientPage.waitForURL(new RegExp(`/history/${sessionId}$`));
    await patientPage.getByTestId('transcript-message').filter({ hasText: chatLine }).waitFor();
    expect(await patientPage.getByTestId('notes-editor').count()).toBe(0);
    expect(await patientPage.getByTestId('summary-zone').textContent()).toContain('Europe/London');
    await screenshots(patientPage, '23-patient-visit-record');

    // Each side downloads its own report: the same visit, the notes only in the doctor's copy.
    await doctorRow.getByTestId('history-row-link').click();
    await doctorPage.waitForURL(new RegExp(`/history/${sessionId}$`));
    await doctorPage.getByTestId('session-record').waitFor();
    const [doctorReport, patientReport] = [await downloadReport(doctorPage), await downloadReport(patientPage)];
    for (const report of [doctorReport, patientReport]) {
      expect(report.bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(report.fileName).toMatch(/\.pdf$/);
      expect(report.text).toContain(doctor.name);
      expect(report.text).toContain(patient.name);
      expect(report.text).toContain(reason);
      expect(report.text).toContain(chatLine);
    }
    expect(doctorReport.text).toContain('Review in one week if the fever persists.');
    expect(patientReport.text).not.toContain('Pharyngitis');
    expect(patientReport.text).not.toContain('Review in one week');

    // The report link is no way in for someone signed out.
    const stranger = await (await newPersonContext(journey.patientBrowser, journey.stack.webUrl)).newPage();
    const response = await stranger.request.get(`/bff/sessions/${sessionId}/report.pdf`, { maxRedirects: 0 });
    expect(response.status()).toBe(401);
    expect(response.headers()['content-type'] ?? '').not.toContain('application/pdf');
  }, 240_000);

  it('a call the doctor never ended: the doctor ends it from the visit record, and the patient still in the call sees it end', async () => {
    const doctor = await createAccount('DOCTOR', 'Dr. Omar Vale');
    const patient = await createAccount('PATIENT', 'Lena Fischer');
    const reason = 'Blood pressure follow-up';
    const doctorPage = await personPage(journey.doctorBrowser);
    const patientPage = await personPage(journey.patientBrowser);
    await reachCall(doctorPage, patientPage, doctor, patient, reason);
    const sessionId = doctorPage.url().split('/').pop()!;

    // The doctor's call page goes away without End visit; the visit's record offers to end it.
    await doctorPage.goto(`/history/${sessionId}`);
    await doctorPage.getByTestId('end-open-visit').waitFor();
    expect(await doctorPage.getByTestId('visit-status').getAttribute('data-outcome')).toBe('IN_PROGRESS');
    expect(await doctorPage.getByTestId('notes-input').isDisabled()).toBe(true);
    await screenshots(doctorPage, '24-doctor-record-call-left-open');

    // The clinic's admin sees the open room (no names) and who entered the call, in the audit log.
    const admin = await createAccount('ADMIN', 'Clinic Admin');
    const adminPage = await (await newPersonContext(journey.doctorBrowser, journey.stack.webUrl)).newPage();
    await signIn(adminPage, admin.email);
    await adminPage.waitForURL(/\/admin$/);
    await adminPage.locator(`[data-testid=open-room][data-session-id="${sessionId}"]`).waitFor();
    await adminPage
      .getByTestId('audit-entry')
      .filter({ hasText: `${patient.name} (patient) entered a call` })
      .first()
      .waitFor();
    expect(await adminPage.getByTestId('header-history').count()).toBe(0);
    await screenshots(adminPage, '26-admin-overview');
    await adminPage.close();

    await doctorPage.getByTestId('end-open-button').click();
    await doctorPage.getByTestId('end-open-dialog').waitFor();
    await screenshots(doctorPage, '25-doctor-end-open-visit-dialog');
    await doctorPage.getByTestId('confirm-ok').click();

    await doctorPage.locator('[data-testid=visit-status][data-outcome=COMPLETED]').waitFor();
    expect(await doctorPage.getByTestId('end-open-visit').count()).toBe(0);
    expect(await doctorPage.getByTestId('notes-input').isDisabled()).toBe(false);
    await doctorPage
      .getByTestId('timeline-entry')
      .filter({ hasText: `${doctor.name} ended the visit` })
      .waitFor();
    await patientPage.locator('[data-testid=end-screen][data-state=ended]').waitFor();
    expect(await patientPage.getByTestId('end-screen-text').textContent()).toContain(doctor.name);
  }, 180_000);
});
