/**
 * The bitrate (kbps) our video senders start a call at. Chrome starts at 300 kbps, too little for
 * the camera's 1280×720: its encoder then drops the first frames and shrinks the picture to about
 * 320×180 before it sends anything, which delays the first picture by 150-200 ms. At 1,000 kbps the
 * first frame is 960×540 or better and leaves at once; the bandwidth estimate still falls within a
 * second on a link that cannot carry it (mediasoup-client's demo starts at the same figure).
 */
export const START_BITRATE_KBPS = 1000;

// Payload types that carry no picture of their own: retransmissions, redundancy, forward error correction.
const NOT_A_CODEC = /^(rtx|red|ulpfec|flexfec-03)$/i;

/**
 * The same session description with `x-google-start-bitrate` on every video codec, so that the
 * senders of the peer connection it is applied to (as the remote description) start at `kbps`.
 * Chrome reads the parameter from the codecs the other side accepts; other browsers ignore it.
 */
export function withStartBitrate(sdp: string, kbps: number = START_BITRATE_KBPS): string {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const param = `x-google-start-bitrate=${kbps}`;
  const sections: string[][] = [[]];
  for (const line of sdp.split(eol)) {
    if (line.startsWith('m=')) sections.push([]);
    sections[sections.length - 1]?.push(line);
  }
  return sections.map((lines) => (lines[0]?.startsWith('m=video ') ? videoSection(lines, param) : lines).join(eol)).join(eol);
}

function videoSection(lines: readonly string[], param: string): string[] {
  const codecs = lines.flatMap((line) => {
    const rtpmap = /^a=rtpmap:(\d+) ([^/]+)\//.exec(line);
    return rtpmap?.[1] && rtpmap[2] && !NOT_A_CODEC.test(rtpmap[2]) ? [rtpmap[1]] : [];
  });
  const withParameters = new Set(codecs.filter((pt) => lines.some((line) => line.startsWith(`a=fmtp:${pt} `))));
  return lines.flatMap((line) => {
    const fmtp = /^a=fmtp:(\d+) /.exec(line);
    if (fmtp?.[1] && codecs.includes(fmtp[1])) return [line.includes('x-google-start-bitrate=') ? line : `${line};${param}`];
    // A codec without parameters (VP8) gets a line of its own, below its rtpmap.
    const rtpmap = /^a=rtpmap:(\d+) /.exec(line);
    if (rtpmap?.[1] && codecs.includes(rtpmap[1]) && !withParameters.has(rtpmap[1])) return [line, `a=fmtp:${rtpmap[1]} ${param}`];
    return [line];
  });
}
