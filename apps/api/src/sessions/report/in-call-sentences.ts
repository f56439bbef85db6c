/** What happened in the call, in words: "Video paused for Sam Lee: poor connection.", "Dr. Ana Ruiz started sharing their screen." */
export function inCallSentence(
  type: 'VIDEO_OFF' | 'VIDEO_ON' | 'SCREEN_SHARE_STARTED' | 'SCREEN_SHARE_STOPPED' | 'CALL_VERIFIED',
  name: string,
  detail: Record<string, string> | null,
  nameOf: (userId: string | null) => string,
): string {
  const cause = detail?.cause;
  switch (type) {
    case 'VIDEO_OFF':
      if (cause === 'network') return `Video paused for ${name}: poor connection.`;
      if (cause === 'device') return `Video stopped for ${name}: camera unavailable.`;
      return detail?.atJoin === 'true' ? `${name} joined with audio only.` : `${name} turned their camera off.`;
    case 'VIDEO_ON':
      if (cause === 'network') return `Video resumed for ${name}: the connection recovered.`;
      if (cause === 'device') return `Video resumed for ${name}: the camera is available again.`;
      return `${name} turned their camera on.`;
    case 'SCREEN_SHARE_STARTED':
      return `${name} started sharing their screen.`;
    case 'SCREEN_SHARE_STOPPED':
      return `${name} stopped sharing their screen.`;
    case 'CALL_VERIFIED':
      return `${name} compared the verified-call code ${detail?.code ?? ''} aloud with ${nameOf(detail?.peer ?? null)}: the call is verified.`;
  }
}
