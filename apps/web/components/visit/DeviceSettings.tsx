'use client';

import { useEffect, useRef } from 'react';
import { useTranslations } from 'next-intl';
import type { DeviceKind, DeviceLists, DevicePreferences } from '@/lib/devices';
import { DeviceSelects } from '@/components/visit/DeviceSelects';

interface Props {
  id: string;
  lists: DeviceLists;
  chosen: DevicePreferences;
  withSpeaker: boolean;
  busy: boolean;
  onChoose: (kind: DeviceKind, deviceId: string) => void;
  onFlip: () => void;
  /** Two cameras or more: switching front/back (or to the next); 'camera-off': offered once the camera is on. */
  flip: 'ready' | 'camera-off' | null;
  /** Closes the panel; focus goes back to its button. */
  onClose: () => void;
}

/** The call's device panel: the same selects as the device check, switching live, and the camera flip of a phone. */
export function DeviceSettings({ id, lists, chosen, withSpeaker, busy, onChoose, onFlip, flip, onClose }: Props) {
  const t = useTranslations('call');
  const panel = useRef<HTMLElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);
  useEffect(() => {
    panel.current?.querySelector<HTMLElement>('select, button')?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <section
      ref={panel}
      className="card call-popover device-settings"
      id={id}
      aria-labelledby={`${id}-title`}
      data-testid="device-settings-panel"
    >
      <div className="call-popover-head">
        <h2 id={`${id}-title`}>{t('devices.title')}</h2>
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose}>
          {t('devices.close')}
        </button>
      </div>
      <DeviceSelects devices={lists} chosen={chosen} onChoose={onChoose} testIdPrefix="call-" withSpeaker={withSpeaker} disabled={busy} />
      {flip && (
        <button
          type="button"
          className="btn btn-secondary"
          onClick={onFlip}
          disabled={busy || flip === 'camera-off'}
          data-testid="flip-camera"
        >
          {t('devices.switchCamera')}
        </button>
      )}
      <p className="hint">{t('devices.hint')}</p>
    </section>
  );
}
