/**
 * Plays one sound through WebAudio (no audio files to ship): a gain envelope rising to `peak` in
 * `attack` seconds and fading out by `fadeAt`, the oscillators `play` starts on it, the context
 * closed after `closeAfterMs`. Silently does nothing when audio is blocked or missing: the screen says it all.
 */
function playSound(
  envelope: { peak: number; attack: number; fadeAt: number; closeAfterMs: number },
  play: (ctx: AudioContext, gain: GainNode, start: number) => void,
): void {
  try {
    const AudioCtx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!AudioCtx) return;
    const ctx = new AudioCtx();
    const gain = ctx.createGain();
    gain.connect(ctx.destination);
    const start = ctx.currentTime;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(envelope.peak, start + envelope.attack);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + envelope.fadeAt);
    play(ctx, gain, start);
    window.setTimeout(() => void ctx.close().catch(() => undefined), envelope.closeAfterMs);
  } catch {
    // audio unavailable: the visual list or message still shows it
  }
}

/** A short two-tone beep: a patient arrived in the waiting room. */
export function beep(): void {
  playSound({ peak: 0.2, attack: 0.02, fadeAt: 0.45, closeAfterMs: 800 }, (ctx, gain, start) => {
    for (const [freq, at] of [
      [880, 0],
      [1175, 0.18],
    ] as const) {
      const osc = ctx.createOscillator();
      osc.type = 'sine';
      osc.frequency.value = freq;
      osc.connect(gain);
      osc.start(start + at);
      osc.stop(start + at + 0.2);
    }
  });
}

/**
 * A soft, short single tone (a falling fifth, quiet) for a message in the waiting room: noticeable
 * without startling someone sitting in front of a silent screen.
 */
export function chime(): void {
  playSound({ peak: 0.06, attack: 0.04, fadeAt: 0.6, closeAfterMs: 900 }, (ctx, gain, start) => {
    const osc = ctx.createOscillator();
    osc.type = 'sine';
    osc.frequency.setValueAtTime(784, start);
    osc.frequency.exponentialRampToValueAtTime(523, start + 0.35);
    osc.connect(gain);
    osc.start(start);
    osc.stop(start + 0.6);
  });
}

export function notificationsSupported(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window;
}

export function notify(title: string, body: string, onClick?: () => void): void {
  if (!notificationsSupported() || Notification.permission !== 'granted') return;
  try {
    const n = new Notification(title, { body, tag: `waiting-${title}` });
    if (onClick) {
      n.onclick = () => {
        window.focus();
        onClick();
        n.close();
      };
    }
  } catch {
    // some mobile browsers only allow notifications from a service worker
  }
}
