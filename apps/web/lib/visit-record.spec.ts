import type { ConnectionFacts, SessionTimelineEntry } from '@telehealth/contracts';
import { translator } from '@/i18n/translator';
import { connectionSummary, mediaSummary, timelineSentences, verificationSummary } from './visit-record';

const t = translator('history');

const visit = {
  doctor: { id: 'd1', name: 'Dr. Maya Chen', timeZone: 'Europe/Berlin' },
  patient: { id: 'p1', name: 'Sam Patel', timeZone: 'Europe/London' },
};

function entry(type: SessionTimelineEntry['type'], userId: string, overrides: Partial<SessionTimelineEntry> = {}): SessionTimelineEntry {
  return { type, userId, userName: null, at: '2026-12-08T09:31:00.000Z', detail: null, ...overrides };
}

describe(timelineSentences.name, () => {
  const sut = timelineSentences;

  it('names the doctor and the patient as the report does', () => {
    expect(sut([entry('JOINED', 'p1'), entry('ENDED', 'd1')], visit, t).map((line) => line.text)).toEqual([
      'Sam Patel joined',
      'Dr. Maya Chen ended the visit',
    ]);
  });

  it('names a guest with their part in the visit, in every line about them', () => {
    const ana = { userName: 'Ana Ruiz', userRole: 'GUEST' as const, guestRole: 'INTERPRETER' as const };
    const lines = sut(
      [entry('JOINED', 'g1', ana), entry('PEER_JOINED', 'd1', { detail: { peer: 'g1' } }), entry('LEFT', 'g1', ana)],
      visit,
      t,
    );
    expect(lines.map((line) => line.text)).toEqual([
      'Ana Ruiz (interpreter) joined',
      'Dr. Maya Chen and Ana Ruiz (interpreter) were connected',
      'Ana Ruiz (interpreter) left the visit',
    ]);
  });
});

describe(`${timelineSentences.name}, about what people sent`, () => {
  const sut = timelineSentences;
  const at = (seconds: number) => new Date(Date.UTC(2026, 11, 8, 9, 31, seconds)).toISOString();
  const texts = (timeline: SessionTimelineEntry[]) => sut(timeline, visit, t).map((line) => line.text);

  it('says someone joined with audio only when the server marked their video off as how they came in', () => {
    expect(
      texts([entry('JOINED', 'p1', { at: at(0) }), entry('VIDEO_OFF', 'p1', { at: at(51), detail: { cause: 'person', atJoin: 'true' } })]),
    ).toEqual(['Sam Patel joined', 'Sam Patel joined with audio only']);
  });

  it('says someone turned the camera off and on later in the call', () => {
    expect(
      texts([
        entry('JOINED', 'p1', { at: at(0) }),
        entry('VIDEO_OFF', 'p1', { at: at(40), detail: { cause: 'person' } }),
        entry('VIDEO_ON', 'p1', { at: at(50), detail: { cause: 'person' } }),
      ]),
    ).toEqual(['Sam Patel joined', 'Sam Patel turned their camera off', 'Sam Patel turned their camera on']);
  });

  it('tells a pause for a poor connection and a camera that was unavailable from a choice', () => {
    expect(
      texts([
        entry('VIDEO_OFF', 'd1', { detail: { cause: 'network' } }),
        entry('VIDEO_ON', 'd1', { detail: { cause: 'network' } }),
        entry('VIDEO_OFF', 'p1', { detail: { cause: 'device' } }),
        entry('VIDEO_ON', 'p1', { detail: { cause: 'device' } }),
      ]),
    ).toEqual([
      'Video paused for Dr. Maya Chen: poor connection',
      'Video resumed for Dr. Maya Chen: the connection recovered',
      'Video stopped for Sam Patel: camera unavailable',
      'Video resumed for Sam Patel: the camera is available again',
    ]);
  });

  it('takes a change without a cause for the person’s own, as the server records it', () => {
    expect(texts([entry('VIDEO_OFF', 'p1'), entry('VIDEO_ON', 'p1')])).toEqual([
      'Sam Patel turned their camera off',
      'Sam Patel turned their camera on',
    ]);
  });

  it('says who shared a screen and who verified the call with whom, with the code', () => {
    expect(
      texts([
        entry('SCREEN_SHARE_STARTED', 'd1'),
        entry('SCREEN_SHARE_STOPPED', 'd1'),
        entry('CALL_VERIFIED', 'd1', { detail: { peer: 'p1', code: '482 193' } }),
      ]),
    ).toEqual([
      'Dr. Maya Chen started sharing their screen',
      'Dr. Maya Chen stopped sharing their screen',
      'Dr. Maya Chen compared the verified-call code 482 193 aloud with Sam Patel: the call is verified',
    ]);
  });
});

describe(mediaSummary.name, () => {
  const sut = mediaSummary;

  it('gives the video time and the audio-only time, and how much of it a poor connection caused', () => {
    expect(sut({ videoSeconds: 1390, audioOnlySeconds: 242, audioOnlyForNetworkSeconds: 220 }, t)).toBe(
      'Video 23 min 10 s · Audio only 4 min 2 s, of which 3 min 40 s because of a poor connection',
    );
  });

  it('says when all the audio-only time was because of the connection', () => {
    expect(sut({ videoSeconds: 600, audioOnlySeconds: 30, audioOnlyForNetworkSeconds: 30 }, t)).toBe(
      'Video 10 min · Audio only 30 s, all of it because of a poor connection',
    );
  });

  it('names no cause when the people chose audio only', () => {
    expect(sut({ videoSeconds: 0, audioOnlySeconds: 300, audioOnlyForNetworkSeconds: 0 }, t)).toBe('Video 0 s · Audio only 5 min');
  });

  it('says there was no audio-only time, or no time together at all', () => {
    expect(sut({ videoSeconds: 61, audioOnlySeconds: 0, audioOnlyForNetworkSeconds: 0 }, t)).toBe(
      'Video 1 min 1 s · No time with audio only',
    );
    expect(sut({ videoSeconds: 0, audioOnlySeconds: 0, audioOnlyForNetworkSeconds: 0 }, t)).toBe('No time in the call together');
  });
});

describe(connectionSummary.name, () => {
  const sut = connectionSummary;
  const measured: ConnectionFacts = {
    path: 'direct',
    rttMedianMs: 41.6,
    rttP95Ms: 120.2,
    lossMedianPct: 0.24,
    lossP95Pct: 1.5,
    reconnects: 0,
    samples: 12,
  };

  it('states the path, round trip and loss (median and 95th percentile) and the reconnects', () => {
    expect(sut(measured, t)).toBe(
      'Direct, peer to peer · Round trip 42 ms median, 120 ms at the 95th percentile · Packet loss 0.2% median, 1.5% at the 95th percentile · No reconnects',
    );
  });

  it('says when media went through the clinic’s relay, and counts reconnects', () => {
    expect(sut({ ...measured, path: 'relayed', reconnects: 1 }, t)).toMatch(
      /^Relayed through the clinic’s TURN server · .* · 1 reconnect$/,
    );
    expect(sut({ ...measured, path: 'mixed', reconnects: 3 }, t)).toMatch(/^Partly direct, partly relayed .* · 3 reconnects$/);
  });

  it('says what was not measured', () => {
    expect(sut({ ...measured, lossMedianPct: null, lossP95Pct: null }, t)).toContain('Packet loss not measured');
    expect(sut({ ...measured, path: 'unknown', samples: 0, rttMedianMs: null, rttP95Ms: null }, t)).toBe(
      'No connection measurements were taken',
    );
  });
});

describe(verificationSummary.name, () => {
  const sut = verificationSummary;

  it('says who compared which code aloud with whom, and when in the viewer’s zone', () => {
    const check = {
      code: '482 193',
      verifiedAt: '2026-12-08T09:42:00.000Z',
      verifiedBy: { id: 'd1', name: 'Dr. Ana Ruiz' },
      peer: { id: 'p1', name: 'Sam Lee' },
    };
    expect(sut([check], 'Europe/Berlin', t)).toBe('Verified call: code 482 193 compared aloud with Sam Lee by Dr. Ana Ruiz at 10:42 AM');
  });

  it('says the call was not verified when the code was never compared', () => {
    expect(sut([], 'Europe/Berlin', t)).toBe('Not verified: nobody compared the verified-call code aloud');
  });
});

describe('the record in Spanish and Arabic', () => {
  const es = translator('history', 'es');
  const ar = translator('history', 'ar');

  it('words the timeline as whole sentences, guests with their part', () => {
    const ana = { userName: 'Ana Ruiz', userRole: 'GUEST' as const, guestRole: 'INTERPRETER' as const };
    const timeline = [entry('JOINED', 'g1', ana), entry('PEER_JOINED', 'd1', { detail: { peer: 'g1' } }), entry('ENDED', 'd1')];
    expect(timelineSentences(timeline, visit, es).map((line) => line.text)).toEqual([
      'Ana Ruiz (intérprete) se unió',
      'Dr. Maya Chen y Ana Ruiz (intérprete) quedaron conectados',
      'Dr. Maya Chen finalizó la consulta',
    ]);
    expect(timelineSentences(timeline, visit, ar).map((line) => line.text)).toEqual([
      'انضم Ana Ruiz (مترجم)',
      'تم الاتصال بين Dr. Maya Chen وAna Ruiz (مترجم)',
      'أنهى Dr. Maya Chen الزيارة',
    ]);
  });

  it('counts reconnects with each language’s plural forms', () => {
    const measured: ConnectionFacts = {
      path: 'direct',
      rttMedianMs: 41.6,
      rttP95Ms: 120.2,
      lossMedianPct: 0.24,
      lossP95Pct: 1.5,
      reconnects: 1,
      samples: 12,
    };
    expect(connectionSummary(measured, es)).toMatch(/^Directa, de igual a igual · Ida y vuelta: 42 ms de mediana, .* · 1 reconexión$/);
    expect(connectionSummary({ ...measured, reconnects: 2 }, ar)).toMatch(/ · أُعيد الاتصال مرتين$/);
    expect(connectionSummary({ ...measured, reconnects: 0 }, ar)).toMatch(/ · لم يُعَد الاتصال$/);
  });

  it('says the call was not verified', () => {
    expect(verificationSummary([], 'Europe/Berlin', es)).toBe('Sin verificar: nadie comparó en voz alta el código de llamada verificada');
  });
});
