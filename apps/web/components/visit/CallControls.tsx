'use client';

import type { CallView } from '@/hooks/useCall';

interface Props {
  call: CallView;
  isDoctor: boolean;
  busy: boolean;
  inRoom: boolean;
  onLeave: () => void;
  /** The doctor ends the visit for everyone (asked first by the caller). */
  onEnd?: () => void;
  /** The doctor opens or closes the guests panel (invite, links, remove). */
  guests?: { open: boolean; panelId: string; onToggle: () => void };
}

/** Mute, camera, leave and (for the doctor) guests and ending the visit for everyone. */
export function CallControls({ call, isDoctor, busy, inRoom, onLeave, onEnd, guests }: Props) {
  return (
    <div className="controls" role="toolbar" aria-label="Call controls">
      <button
        type="button"
        className={`btn ${call.audioEnabled ? 'btn-secondary' : 'btn-danger'}`}
        onClick={call.toggleAudio}
        disabled={!call.hasAudio}
        aria-pressed={!call.audioEnabled}
        aria-label={call.audioEnabled ? 'Mute microphone' : 'Unmute microphone'}
        data-testid="toggle-mute"
      >
        {call.audioEnabled ? 'Mute' : 'Unmute'}
      </button>
      <button
        type="button"
        className={`btn ${call.videoEnabled ? 'btn-secondary' : 'btn-danger'}`}
        onClick={call.toggleVideo}
        disabled={!call.hasVideo}
        aria-pressed={!call.videoEnabled}
        aria-label={call.videoEnabled ? 'Turn camera off' : 'Turn camera on'}
        data-testid="toggle-camera"
      >
        {call.videoEnabled ? 'Camera off' : 'Camera on'}
      </button>
      {isDoctor && guests && (
        <button
          type="button"
          className="btn btn-secondary"
          onClick={guests.onToggle}
          aria-expanded={guests.open}
          aria-controls={guests.open ? guests.panelId : undefined}
          data-testid="invite-guest"
        >
          {guests.open ? 'Hide guests' : 'Invite a guest'}
        </button>
      )}
      <button
        type="button"
        className="btn btn-secondary"
        onClick={onLeave}
        disabled={busy}
        aria-label="Leave the visit"
        data-testid="leave-call"
      >
        Leave
      </button>
      {isDoctor && onEnd && (
        <button
          type="button"
          className="btn btn-danger"
          onClick={onEnd}
          disabled={busy || !inRoom}
          aria-label="End the session for everyone"
          data-testid="end-session"
        >
          End session
        </button>
      )}
    </div>
  );
}
