import { withStartBitrate } from './start-bitrate';

const offer = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'a=rtpmap:111 opus/48000/2',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97 98 99 100',
  'a=rtpmap:96 VP8/90000',
  'a=rtcp-fb:96 nack',
  'a=rtpmap:97 rtx/90000',
  'a=fmtp:97 apt=96',
  'a=rtpmap:98 VP9/90000',
  'a=fmtp:98 profile-id=0',
  'a=rtpmap:99 red/90000',
  'a=rtpmap:100 ulpfec/90000',
  '',
].join('\r\n');

describe(withStartBitrate.name, () => {
  it('gives a video codec without parameters a line of its own', () => {
    const sut = withStartBitrate(offer, 1000);
    expect(sut).toContain('a=rtpmap:96 VP8/90000\r\na=fmtp:96 x-google-start-bitrate=1000\r\na=rtcp-fb:96 nack');
  });

  it('adds to the parameters a video codec has', () => {
    expect(withStartBitrate(offer, 1000)).toContain('a=fmtp:98 profile-id=0;x-google-start-bitrate=1000\r\n');
  });

  it('leaves audio, retransmission, redundancy and error correction alone', () => {
    const sut = withStartBitrate(offer, 1000);
    expect(sut).toContain('a=fmtp:111 minptime=10;useinbandfec=1\r\n');
    expect(sut).toContain('a=fmtp:97 apt=96\r\n');
    expect(sut).not.toMatch(/a=fmtp:(99|100) /);
  });

  it('keeps a start bitrate the description already has, and is the same when applied twice', () => {
    const once = withStartBitrate(offer, 1000);
    expect(withStartBitrate(once, 500)).toBe(once);
  });

  it('changes nothing else', () => {
    const sut = withStartBitrate(offer, 1000);
    const withoutOurs = sut
      .split('\r\n')
      .filter((line) => line !== 'a=fmtp:96 x-google-start-bitrate=1000')
      .join('\r\n')
      .replace(';x-google-start-bitrate=1000', '');
    expect(withoutOurs).toBe(offer);
  });
});
