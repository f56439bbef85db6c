import {
  bookingConfirmationEmail,
  cancellationEmail,
  invitationMessage,
  messageSettings,
  patientCancelledEmail,
  reminderEmail,
  VisitNotice,
} from './visit-messages';
import { describeVisitTime, doctorTitle } from './visit-time';

const visit: VisitNotice = {
  appointmentId: '7f0c1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f',
  sequence: 0,
  startsAt: new Date('2031-07-04T20:05:00Z'),
  endsAt: new Date('2031-07-04T20:25:00Z'),
  reason: 'Rash <after> "new" cream',
  doctorName: 'Rita Levi',
  patient: { name: 'Zoë Ñúñez 王芳', email: 'zoe@example.org', timeZone: 'America/New_York' },
};
const settings = messageSettings({
  WEB_ORIGIN: 'https://clinic.example',
  MAIL_FROM: 'Clinic <no-reply@clinic.example>',
  CLINIC_NAME: 'Clinic',
});
const access = { link: 'https://clinic.example/j/token', code: 'ACDE-FGHJ' };

describe(describeVisitTime.name, () => {
  it('reads the time in the given zone, names the zone, and uses plain spaces', () => {
    expect(describeVisitTime(visit.startsAt, 'America/New_York')).toBe('Friday, 4 July 2031 at 4:05 PM America/New_York');
    expect(describeVisitTime(visit.startsAt, 'Asia/Tokyo')).toBe('Saturday, 5 July 2031 at 5:05 AM Asia/Tokyo');
  });
});

describe(doctorTitle.name, () => {
  it('adds the title once', () => {
    expect(doctorTitle('Rita Levi')).toBe('Dr Rita Levi');
    expect(doctorTitle('Dr. Rita Levi')).toBe('Dr. Rita Levi');
    expect(doctorTitle('Doctor Ana')).toBe('Doctor Ana');
  });
});

describe(bookingConfirmationEmail.name, () => {
  it('tells the patient when (in their zone), with whom, why, the link and the code, with the .ics attached; HTML escaped', () => {
    const sut = bookingConfirmationEmail(visit, access, settings, 'en');
    expect(sut).toMatchObject({ kind: 'booking-confirmation', to: 'zoe@example.org' });
    expect(sut.subject).toBe('Your video visit with Dr Rita Levi: Friday, 4 July 2031 at 4:05 PM America/New_York');
    expect(sut.text).toContain('Hello Zoë Ñúñez 王芳,');
    expect(sut.text).toContain('When: Friday, 4 July 2031 at 4:05 PM America/New_York (20 minutes)');
    expect(sut.text).toContain('go to https://clinic.example/join and type the code ACDE-FGHJ');
    expect(sut.text).toContain('Join your video visit: https://clinic.example/j/token');
    expect(sut.html).toContain('Reason: Rash &lt;after&gt; &quot;new&quot; cream');
    expect(sut.attachments?.[0]).toMatchObject({
      filename: 'video-visit.ics',
      contentType: 'text/calendar; charset=utf-8; method=REQUEST',
    });
  });
});

describe(cancellationEmail.name, () => {
  it('says who cancelled, and attaches a METHOD:CANCEL file', () => {
    expect(cancellationEmail(visit, 'doctor', settings, 'en').text).toContain('Dr Rita Levi has cancelled your video visit of Friday');
    const byPatient = cancellationEmail(visit, 'patient', settings, 'en');
    expect(byPatient.text).toContain('You cancelled your video visit with Dr Rita Levi of Friday');
    expect(String(byPatient.attachments?.[0]?.content)).toContain('METHOD:CANCEL');
  });
});

describe(patientCancelledEmail.name, () => {
  it('tells the doctor, in the doctor’s zone, who cancelled which visit, with a METHOD:CANCEL file read in that zone', () => {
    const sut = patientCancelledEmail(visit, { email: 'rita@clinic.example', timeZone: 'Europe/Berlin' }, settings, 'en');
    expect(sut).toMatchObject({
      kind: 'cancellation',
      to: 'rita@clinic.example',
      dedupeKey: `cancellation-to-doctor:${visit.appointmentId}`,
    });
    expect(sut.subject).toBe('Cancelled by Zoë Ñúñez 王芳: video visit on Friday, 4 July 2031 at 10:05 PM Europe/Berlin');
    expect(sut.text).toContain('Hello Dr Rita Levi,');
    expect(sut.text).toContain(
      'Zoë Ñúñez 王芳 has cancelled their video visit with you of Friday, 4 July 2031 at 10:05 PM Europe/Berlin (20 minutes).',
    );
    expect(sut.text).not.toContain(visit.reason);
    const ics = String(sut.attachments?.[0]?.content).replace(/\r\n /g, '');
    expect(ics).toContain('METHOD:CANCEL');
    expect(ics).toContain('10:05 PM Europe/Berlin');
  });
});

describe(reminderEmail.name, () => {
  it('reminds the patient in their zone of the doctor, the link and the code; once per lead time and start', () => {
    const sut = reminderEmail({ ...visit, sequence: 2 }, access, 15, settings, 'en');
    expect(sut).toMatchObject({ kind: 'reminder', to: 'zoe@example.org', dedupeKey: `reminder:${visit.appointmentId}:15:2` });
    expect(sut.subject).toBe('Reminder: your video visit with Dr Rita Levi on Friday, 4 July 2031 at 4:05 PM America/New_York');
    expect(sut.text).toContain('When: Friday, 4 July 2031 at 4:05 PM America/New_York (20 minutes)');
    expect(sut.text).toContain('Your code: ACDE-FGHJ');
    expect(sut.text).toContain('go to https://clinic.example/join and type the code ACDE-FGHJ');
    expect(sut.text).toContain('Join your video visit: https://clinic.example/j/token');
    expect(sut.text).not.toContain(visit.reason);
  });
});

describe(invitationMessage.name, () => {
  it('fits a chat message: date, time and zone of the patient, link and code', () => {
    expect(invitationMessage(visit, access, settings, 'en')).toBe(
      [
        'Your video visit with Dr Rita Levi is on Friday, 4 July 2031 at 4:05 PM America/New_York (20 minutes).',
        'Join a few minutes before with this link: https://clinic.example/j/token',
        'Or go to https://clinic.example/join and type the code ACDE-FGHJ.',
      ].join('\n'),
    );
  });
});

describe(messageSettings.name, () => {
  it('takes the organizer from MAIL_FROM, with or without a display name', () => {
    expect(settings.organizerEmail).toBe('no-reply@clinic.example');
    expect(messageSettings({ WEB_ORIGIN: 'https://x.example/', MAIL_FROM: 'a@x.example', CLINIC_NAME: 'X' })).toMatchObject({
      organizerEmail: 'a@x.example',
      joinPage: 'https://x.example/join',
    });
  });
});

describe('messages in the recipient’s language', () => {
  it('writes the booking confirmation in Spanish: formal, the date as Spanish reads it, link and code as they are', () => {
    const sut = bookingConfirmationEmail(visit, access, settings, 'es');
    expect(sut.subject).toBe('Su videoconsulta con Dr./Dra. Rita Levi: viernes, 4 de julio de 2031, 16:05, hora de America/New_York');
    expect(sut.text).toContain('Hola, Zoë Ñúñez 王芳:');
    expect(sut.text).toContain('Dr./Dra. Rita Levi ha programado una videoconsulta con usted.');
    expect(sut.text).toContain('Cuándo: viernes, 4 de julio de 2031, 16:05, hora de America/New_York (20 minutos)');
    expect(sut.text).toContain('Motivo: Rash <after> "new" cream');
    expect(sut.text).toContain('vaya a https://clinic.example/join y escriba el código ACDE-FGHJ');
    expect(sut.text).toContain('Unirse a su videoconsulta: https://clinic.example/j/token');
    expect(sut.html).toContain('<html lang="es" dir="ltr">');
    expect(String(sut.attachments?.[0]?.content).replace(/\r\n /g, '')).toContain('SUMMARY:Videoconsulta con Dr./Dra. Rita Levi');
  });

  it('writes the booking confirmation in Arabic, right to left, with Arabic plurals', () => {
    const sut = bookingConfirmationEmail(visit, access, settings, 'ar');
    expect(sut.subject).toBe('زيارتك عبر الفيديو مع د. Rita Levi: الجمعة، 4 يوليو 2031 الساعة 4:05 م بتوقيت America/New_York');
    expect(sut.text).toContain('مرحبًا Zoë Ñúñez 王芳،');
    expect(sut.text).toContain('الموعد: الجمعة، 4 يوليو 2031 الساعة 4:05 م بتوقيت America/New_York (المدة: 20 دقيقة)');
    expect(sut.text).toContain('الانضمام إلى زيارتك عبر الفيديو: https://clinic.example/j/token');
    expect(sut.html).toContain('<html lang="ar" dir="rtl">');
    const long = bookingConfirmationEmail({ ...visit, endsAt: new Date('2031-07-04T22:05:00Z') }, access, settings, 'ar');
    expect(long.text).toContain('(المدة: 120 دقيقة)');
    const short = bookingConfirmationEmail({ ...visit, endsAt: new Date('2031-07-04T20:15:00Z') }, access, settings, 'ar');
    expect(short.text).toContain('(المدة: 10 دقائق)');
  });

  it('writes cancellations, reminders and the message to paste in Spanish and Arabic', () => {
    expect(cancellationEmail(visit, 'doctor', settings, 'es').text).toContain(
      'Dr./Dra. Rita Levi ha cancelado su videoconsulta del viernes',
    );
    expect(cancellationEmail(visit, 'patient', settings, 'ar').text).toContain(
      'لقد ألغيت زيارتك عبر الفيديو مع د. Rita Levi المقررة يوم الجمعة',
    );
    expect(reminderEmail(visit, access, 15, settings, 'es').subject).toBe(
      'Recordatorio: su videoconsulta con Dr./Dra. Rita Levi el viernes, 4 de julio de 2031, 16:05, hora de America/New_York',
    );
    expect(patientCancelledEmail(visit, { email: 'rita@clinic.example', timeZone: 'Europe/Berlin' }, settings, 'es').subject).toBe(
      'Cancelada por Zoë Ñúñez 王芳: videoconsulta del viernes, 4 de julio de 2031, 22:05, hora de Europe/Berlin',
    );
    expect(invitationMessage(visit, access, settings, 'es')).toBe(
      [
        'Su videoconsulta con Dr./Dra. Rita Levi es el viernes, 4 de julio de 2031, 16:05, hora de America/New_York (20 minutos).',
        'Únase unos minutos antes con este enlace: https://clinic.example/j/token',
        'O vaya a https://clinic.example/join y escriba el código ACDE-FGHJ.',
      ].join('\n'),
    );
    expect(invitationMessage(visit, access, settings, 'ar')).toContain('https://clinic.example/j/token');
    expect(invitationMessage(visit, access, settings, 'ar')).toContain('وكتابة الرمز ACDE-FGHJ.');
  });

  it('does not double a Spanish or Arabic title', () => {
    expect(doctorTitle('Rita Levi', 'es')).toBe('Dr./Dra. Rita Levi');
    expect(doctorTitle('Dra. Rita Levi', 'es')).toBe('Dra. Rita Levi');
    expect(doctorTitle('Rita Levi', 'ar')).toBe('د. Rita Levi');
    expect(doctorTitle('د. ليلى حداد', 'ar')).toBe('د. ليلى حداد');
    expect(describeVisitTime(visit.startsAt, 'Asia/Tokyo', 'es')).toBe('sábado, 5 de julio de 2031, 5:05, hora de Asia/Tokyo');
  });
});
