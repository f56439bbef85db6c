import { announcedOwnMedia, type OwnMedia } from './own-media';

const inCall: OwnMedia = { hasAudioTrack: true, hasVideoTrack: true, audioOn: true, videoOn: true, unavailable: {}, level: 'full' };

describe(announcedOwnMedia.name, () => {
  it('announces microphone and camera on while both are sent', () => {
    expect(announcedOwnMedia(inCall)).toEqual({ audio: true, video: true });
    expect(announcedOwnMedia({ ...inCall, level: 'reduced' })).toEqual({ audio: true, video: true });
  });

  it('says the person turned them off, or joined without a camera', () => {
    expect(announcedOwnMedia({ ...inCall, audioOn: false, videoOn: false })).toEqual({
      audio: false,
      video: false,
      audioOff: 'person',
      videoOff: 'person',
    });
    expect(announcedOwnMedia({ ...inCall, hasVideoTrack: false })).toEqual({ audio: true, video: false, videoOff: 'person' });
  });

  it('says the network paused the video, unless the person had turned it off themselves', () => {
    expect(announcedOwnMedia({ ...inCall, level: 'audio-only' })).toEqual({ audio: true, video: false, videoOff: 'network' });
    expect(announcedOwnMedia({ ...inCall, level: 'audio-only', videoOn: false }).videoOff).toBe('person');
  });

  it('says a blocked or missing device is unavailable rather than turned off', () => {
    const blocked = { ...inCall, hasAudioTrack: false, hasVideoTrack: false, unavailable: { audio: true, video: true } };
    expect(announcedOwnMedia(blocked)).toEqual({ audio: false, video: false, audioOff: 'device', videoOff: 'device' });
  });

  it('carries the shared screen’s stream id', () => {
    expect(announcedOwnMedia({ ...inCall, screenStreamId: 'screen-1' })).toEqual({ audio: true, video: true, screenStreamId: 'screen-1' });
  });
});
