import { announcedMedia, AnnouncedMedia, mediaChanges, mediaFromTimeline } from './media-changes';

const on: AnnouncedMedia = { video: true, screen: false };
const off = (videoOff: 'person' | 'network' | 'device'): AnnouncedMedia => ({ video: false, videoOff, screen: false });

describe(mediaChanges.name, () => {
  it('writes VIDEO_OFF with the cause when the camera goes off', () => {
    expect(mediaChanges(on, off('network'))).toEqual([{ type: 'VIDEO_OFF', detail: { cause: 'network' } }]);
    expect(mediaChanges(on, off('person'), true)).toEqual([{ type: 'VIDEO_OFF', detail: { cause: 'person', atJoin: 'true' } }]);
  });

  it('writes VIDEO_ON with the cause the video had been off for', () => {
    expect(mediaChanges(off('device'), on)).toEqual([{ type: 'VIDEO_ON', detail: { cause: 'device' } }]);
  });

  it('writes nothing for a repeated state', () => {
    expect(mediaChanges(on, on)).toEqual([]);
    expect(mediaChanges(off('person'), off('person'))).toEqual([]);
  });

  it('writes VIDEO_OFF again when video stays off for another reason', () => {
    expect(mediaChanges(off('network'), off('person'))).toEqual([{ type: 'VIDEO_OFF', detail: { cause: 'person' } }]);
  });

  it('writes a screen share starting and stopping, beside a camera change', () => {
    expect(mediaChanges(on, { ...off('person'), screen: true })).toEqual([
      { type: 'VIDEO_OFF', detail: { cause: 'person' } },
      { type: 'SCREEN_SHARE_STARTED' },
    ]);
    expect(mediaChanges({ ...on, screen: true }, on)).toEqual([{ type: 'SCREEN_SHARE_STOPPED' }]);
  });
});

describe(announcedMedia.name, () => {
  it('reads a screen share from its stream id and takes a missing cause for the person’s own choice', () => {
    expect(announcedMedia({ audio: true, video: false, screenStreamId: 'screen-1' })).toEqual({
      video: false,
      videoOff: 'person',
      screen: true,
    });
    expect(announcedMedia({ audio: true, video: true, videoOff: 'network' })).toEqual({ video: true, screen: false });
  });
});

describe(mediaFromTimeline.name, () => {
  it('takes a join (or no entry at all) for camera on without a screen', () => {
    expect(mediaFromTimeline({ videoEvent: 'JOINED', screenEvent: 'JOINED' })).toEqual(on);
    expect(mediaFromTimeline({})).toEqual(on);
  });

  it('keeps video off, with its cause, and a screen still shared', () => {
    expect(mediaFromTimeline({ videoEvent: 'VIDEO_OFF', videoCause: 'network', screenEvent: 'SCREEN_SHARE_STARTED' })).toEqual({
      video: false,
      videoOff: 'network',
      screen: true,
    });
  });
});
