import type { CallEvent } from './call-event';
import { callMediaSummary } from './call-media';

const at = (time: string) => new Date(`2026-03-02T${time}Z`);
const doctor = 'doctor-1';
const patient = 'patient-1';
const event = (type: CallEvent['type'], userId: string | null, time: string, detail: Record<string, string> | null = null): CallEvent => ({
  type,
  userId,
  at: at(time),
  detail,
});
const bothJoined = [event('JOINED', patient, '09:00:00'), event('JOINED', doctor, '09:02:00')];

describe(callMediaSummary.name, () => {
  it('counts video from the start while both are present with their cameras assumed on', () => {
    const sut = callMediaSummary([...bothJoined, event('ENDED', doctor, '09:12:00')], at('09:02:00'), at('09:12:00'), at('10:00:00'));
    expect(sut).toEqual({ videoSeconds: 600, audioOnlySeconds: 0, audioOnlyForNetworkSeconds: 0 });
  });

  it('counts audio only while nobody present sends video, and the network’s part of it', () => {
    const events = [
      ...bothJoined,
      event('VIDEO_OFF', doctor, '09:03:00', { cause: 'person' }),
      event('VIDEO_OFF', patient, '09:04:00', { cause: 'network' }),
      event('VIDEO_ON', patient, '09:07:00', { cause: 'network' }),
      event('VIDEO_OFF', patient, '09:08:00', { cause: 'device' }),
      event('ENDED', doctor, '09:10:00'),
    ];
    const sut = callMediaSummary(events, at('09:02:00'), at('09:10:00'), at('10:00:00'));
    // video 09:02-09:04 and 09:07-09:08; audio only 09:04-09:07 (network) and 09:08-09:10 (camera unavailable)
    expect(sut).toEqual({ videoSeconds: 180, audioOnlySeconds: 300, audioOnlyForNetworkSeconds: 180 });
  });

  it('takes a shared screen for video, and a rejoin for the camera back on', () => {
    const events = [
      ...bothJoined,
      event('VIDEO_OFF', doctor, '09:02:00', { cause: 'person' }),
      event('VIDEO_OFF', patient, '09:02:00', { cause: 'person' }),
      event('SCREEN_SHARE_STARTED', doctor, '09:03:00'),
      event('SCREEN_SHARE_STOPPED', doctor, '09:04:00'),
      event('JOINED', patient, '09:05:00'),
    ];
    const sut = callMediaSummary(events, at('09:02:00'), null, at('09:06:00'));
    expect(sut).toEqual({ videoSeconds: 120, audioOnlySeconds: 120, audioOnlyForNetworkSeconds: 0 });
  });

  it('counts nothing while one person is alone, and nothing for a visit that never started', () => {
    const events = [...bothJoined, event('LEFT', patient, '09:03:00', { reason: 'left' }), event('RECONNECTED', patient, '09:05:00')];
    expect(callMediaSummary(events, at('09:02:00'), at('09:06:00'), at('10:00:00'))).toEqual({
      videoSeconds: 120,
      audioOnlySeconds: 0,
      audioOnlyForNetworkSeconds: 0,
    });
    expect(callMediaSummary(bothJoined, null, null, at('10:00:00'))).toEqual({
      videoSeconds: 0,
      audioOnlySeconds: 0,
      audioOnlyForNetworkSeconds: 0,
    });
  });
});
