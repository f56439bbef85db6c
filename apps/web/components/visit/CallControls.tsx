'use client';

import { useId, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { CallView } from '@/hooks/useCall';
import { useBrowserCan } from '@/hooks/useBrowserCan';
import { unavailableLabel } from '@/lib/call-words';
import { unreadLabel } from '@/lib/chat-unread';
import type { DeviceKind, DeviceLists, DevicePreferences } from '@/lib/devices';
import { lazyModule } from '@/lib/lazy-module';
import { LazyPart } from '@/components/common/LazyPart';
import { BLOCKED_NOTICE_ID } from '@/components/visit/CallAlerts';
import { CameraIcon, MicrophoneIcon, ScreenIcon, SettingsIcon } from '@/components/visit/CallIcons';

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
  /** The devices to switch between during the call; without them there is no device panel (the lobby). */
  devices?: { lists: DeviceLists; chosen: DevicePreferences };
  /** A phone's Chat button, which opens the chat as a sheet over the call (wider screens show the chat beside it). */
  chat?: ChatToggleProps;
}

interface ChatToggleProps {
  open: boolean;
  /** Lines that came while the sheet was closed. */
  unread: number;
  buttonId: string;
  sheetId: string;
  onToggle: () => void;
}

/** Chat, with a count of the lines that came while it was closed. */
function ChatToggle({ open, unread, buttonId, sheetId, onToggle }: ChatToggleProps) {
  const t = useTranslations('call');
  return (
    <button
      id={buttonId}
      type="button"
      className="btn btn-secondary chat-toggle"
      onClick={onToggle}
      aria-expanded={open}
      aria-controls={sheetId}
      data-testid="chat-toggle"
    >
      {t('controls.chat')}
      {unread > 0 && (
        <span className="chat-unread" data-count={unread} data-testid="chat-unread">
          <span aria-hidden="true">{unread}</span>
          <span className="visually-hidden"> {unreadLabel(t, unread)}</span>
        </span>
      )}
    </button>
  );
}

/** A device the browser would not give: the button says so and explains on press, unlike a person's own mute. */
function UnavailableButton({ kind, call, testId }: { kind: 'audio' | 'video'; call: CallView; testId: string }) {
  const t = useTranslations('call');
  const label = unavailableLabel(t, kind, kind === 'audio' ? call.microphoneStatus : call.cameraStatus);
  return (
    <button
      type="button"
      className="btn btn-unavailable"
      aria-disabled="true"
      onClick={() => document.getElementById(BLOCKED_NOTICE_ID)?.focus()}
      data-testid={testId}
      data-unavailable="true"
    >
      {kind === 'audio' ? <MicrophoneIcon crossed /> : <CameraIcon crossed />}
      {label}
    </button>
  );
}

function MuteButton({ call }: { call: CallView }) {
  const t = useTranslations('call');
  if (!call.hasAudio) return <UnavailableButton kind="audio" call={call} testId="toggle-mute" />;
  return (
    <button
      type="button"
      className={`btn ${call.audioEnabled ? 'btn-secondary' : 'btn-danger'}`}
      onClick={call.toggleAudio}
      aria-pressed={!call.audioEnabled}
      aria-keyshortcuts="M"
      data-testid="toggle-mute"
    >
      <MicrophoneIcon crossed={!call.audioEnabled} />
      {call.audioEnabled ? t('controls.mute') : t('controls.unmute')}
      <span className="visually-hidden"> {t('controls.microphoneHidden')}</span>
    </button>
  );
}

function CameraButton({ call }: { call: CallView }) {
  const t = useTranslations('call');
  const unavailable = call.cameraStatus !== 'ok' && call.cameraStatus !== 'off';
  if (!call.hasVideo && unavailable) return <UnavailableButton kind="video" call={call} testId="toggle-camera" />;
  return (
    <button
      type="button"
      className={`btn ${call.videoEnabled ? 'btn-secondary' : 'btn-danger'}`}
      onClick={call.toggleVideo}
      disabled={call.mediaBusy}
      aria-pressed={!call.videoEnabled}
      aria-keyshortcuts="V"
      data-testid="toggle-camera"
    >
      <CameraIcon crossed={!call.videoEnabled} />
      {/* An action, like Mute: "Camera off" read as a state when the camera was on. */}
      {call.videoEnabled ? t('controls.stopCamera') : t('controls.startCamera')}
    </button>
  );
}

// The device and shortcuts panels open on demand: their code comes when the pointer or the focus
// comes to their buttons (or with the first opening), not with the call.
const callPanelsCode = lazyModule(() => import('@/components/visit/call-panels-code'));

/**
 * Mute, camera, screen, devices, shortcuts, (on a phone) chat, leave and (for the doctor) guests and ending
 * the visit for everyone. On a phone they are a bar at the bottom of the screen, in reach of a thumb (globals.css).
 */
export function CallControls({ call, isDoctor, busy, inRoom, onLeave, onEnd, guests, devices, chat }: Props) {
  const t = useTranslations('call');
  const can = useBrowserCan();
  const [open, setOpen] = useState<'devices' | 'shortcuts' | null>(null);
  const devicesButton = useRef<HTMLButtonElement>(null);
  const shortcutsButton = useRef<HTMLButtonElement>(null);
  const devicesPanelId = useId();
  const shortcutsPanelId = useId();
  const sharing = call.screen !== null;
  const toggle = (panel: 'devices' | 'shortcuts') => setOpen((now) => (now === panel ? null : panel));
  const close = (panel: 'devices' | 'shortcuts') => {
    setOpen(null);
    (panel === 'devices' ? devicesButton : shortcutsButton).current?.focus();
  };
  const choose = (kind: DeviceKind, deviceId: string) => call.switchDevice(kind, deviceId);

  return (
    <>
      <div className="controls" role="toolbar" aria-label={t('controls.toolbar')}>
        <MuteButton call={call} />
        <CameraButton call={call} />
        {inRoom && can.shareScreen && (
          <button
            type="button"
            className={`btn ${sharing ? 'btn-primary' : 'btn-secondary'}`}
            onClick={call.toggleScreenShare}
            disabled={call.mediaBusy}
            aria-pressed={sharing}
            data-testid="share-screen"
          >
            <ScreenIcon />
            {sharing ? t('controls.stopSharing') : t('controls.shareScreen')}
          </button>
        )}
        {devices && (
          <button
            ref={devicesButton}
            type="button"
            className="btn btn-secondary"
            onPointerEnter={callPanelsCode.prefetch}
            onFocus={callPanelsCode.prefetch}
            onClick={() => toggle('devices')}
            aria-expanded={open === 'devices'}
            aria-controls={open === 'devices' ? devicesPanelId : undefined}
            data-testid="device-settings"
          >
            <SettingsIcon />
            {t('controls.devices')}
          </button>
        )}
        <button
          ref={shortcutsButton}
          type="button"
          className="btn btn-secondary btn-shortcuts"
          onPointerEnter={callPanelsCode.prefetch}
          onFocus={callPanelsCode.prefetch}
          onClick={() => toggle('shortcuts')}
          aria-expanded={open === 'shortcuts'}
          aria-controls={open === 'shortcuts' ? shortcutsPanelId : undefined}
          data-testid="shortcuts-help"
        >
          {t('controls.shortcuts')}
          <span className="visually-hidden"> {t('controls.shortcutsHidden')}</span>
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
            {guests.open ? t('controls.hideGuests') : t('controls.inviteGuest')}
          </button>
        )}
        {chat && <ChatToggle {...chat} />}
        <button type="button" className="btn btn-secondary" onClick={onLeave} disabled={busy} data-testid="leave-call">
          {t('controls.leave')}
          <span className="visually-hidden"> {t('controls.leaveHidden')}</span>
        </button>
        {isDoctor && onEnd && (
          <button type="button" className="btn btn-danger" onClick={onEnd} disabled={busy || !inRoom} data-testid="end-session">
            {t('controls.endSession')}
            <span className="visually-hidden"> {t('controls.endSessionHidden')}</span>
          </button>
        )}
      </div>
      {open === 'devices' && devices && (
        <LazyPart
          code={callPanelsCode}
          render={({ DeviceSettings }) => (
            <DeviceSettings
              id={devicesPanelId}
              lists={devices.lists}
              chosen={devices.chosen}
              withSpeaker={can.chooseSpeaker}
              busy={call.mediaBusy}
              onChoose={choose}
              onFlip={call.flipCamera}
              flip={devices.lists.cameras.length >= 2 ? (call.hasVideo ? 'ready' : 'camera-off') : null}
              onClose={() => close('devices')}
            />
          )}
        />
      )}
      {open === 'shortcuts' && (
        <LazyPart
          code={callPanelsCode}
          render={({ ShortcutsHelp }) => <ShortcutsHelp id={shortcutsPanelId} onClose={() => close('shortcuts')} />}
        />
      )}
    </>
  );
}
