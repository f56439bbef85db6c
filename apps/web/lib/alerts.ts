/** A short two-tone beep through WebAudio: no audio files to ship. Silently does nothing when audio is blocked. */
export function beep(): void {
  try {
    const AudioCtx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!AudioCtx) return;
    const ctx = new AudioCtx();
    const gain = ctx.createGain();
    gain.connect(ctx.destination);
    const start = ctx.currentTime;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.2, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.45);
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
    window.setTimeout(() => void ctx.close().catch(() => undefined), 800);
  } catch {
    // audio unavailable: the visual list still shows the arrival
  }
}

/**
 * A soft, short single tone (a falling fifth, quiet) for a message in the waiting room: noticeable
 * without startling someone sitting in front of a silent screen. Does nothing when audio is blocked.
 */
export function chime(): void {
  try {
    const AudioCtx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!AudioCtx) return;
    const ctx = new AudioCtx();
    const gain = ctx.createGain();
    gain.connect(ctx.destination);
    const start = ctx.currentTime;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.06, start + 0.04);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.6);
    const osc = ctx.createOscillator();
    osc.type = 'sine';
    osc.frequency.setValueAtTime(784, start);
    osc.frequency.exponentialRampToValueAtTime(523, start + 0.35);
    osc.connect(gain);
    osc.start(start);
    osc.stop(start + 0.6);
    window.setTimeout(() => void ctx.close().catch(() => undefined), 900);
  } catch {
    // audio unavailable: the message is on the screen and announced
  }
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
