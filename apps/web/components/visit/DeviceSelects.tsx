'use client';

import { useId } from 'react';
import { useTranslations } from 'next-intl';
import { selectedDevice, type DeviceChoice, type DeviceKind, type DeviceLists, type DevicePreferences } from '@/lib/devices';

interface Props {
  devices: DeviceLists;
  chosen: DevicePreferences;
  onChoose: (kind: DeviceKind, deviceId: string) => void;
  /** Test ids are `<prefix>camera-select` and so on: the device check has none, the call `call-`. */
  testIdPrefix?: string;
  /** Only where the browser can send sound to a chosen speaker (`setSinkId`). */
  withSpeaker: boolean;
  disabled?: boolean;
}

function DeviceSelect({
  kind,
  label,
  choices,
  value,
  onChoose,
  testId,
  disabled,
}: {
  kind: DeviceKind;
  label: string;
  choices: DeviceChoice[];
  value: string | null;
  onChoose: Props['onChoose'];
  testId: string;
  disabled?: boolean;
}) {
  const t = useTranslations('call');
  const id = useId();
  return (
    <div className="field device-select">
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        value={selectedDevice(choices, value)}
        onChange={(event) => onChoose(kind, event.target.value)}
        disabled={disabled || choices.length === 0}
        data-testid={testId}
      >
        {choices.length === 0 && <option value="">{t('devices.noneFound')}</option>}
        {choices.map((choice, index) => (
          <option key={choice.deviceId} value={choice.deviceId}>
            {/* A name the browser still hides: numbered by its place in the list ("Camera 2"). */}
            {choice.label || t('devices.unnamed', { kind, number: index + 1 })}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Camera, microphone and (where the browser allows it) speaker selects, as the device check and the call offer them. */
export function DeviceSelects({ devices, chosen, onChoose, testIdPrefix = '', withSpeaker, disabled }: Props) {
  const t = useTranslations('call');
  return (
    <div className="device-selects">
      <DeviceSelect
        kind="camera"
        label={t('devices.camera')}
        choices={devices.cameras}
        value={chosen.camera}
        onChoose={onChoose}
        testId={`${testIdPrefix}camera-select`}
        disabled={disabled}
      />
      <DeviceSelect
        kind="microphone"
        label={t('devices.microphone')}
        choices={devices.microphones}
        value={chosen.microphone}
        onChoose={onChoose}
        testId={`${testIdPrefix}microphone-select`}
        disabled={disabled}
      />
      {withSpeaker && (
        <DeviceSelect
          kind="speaker"
          label={t('devices.speaker')}
          choices={devices.speakers}
          value={chosen.speaker}
          onChoose={onChoose}
          testId={`${testIdPrefix}speaker-select`}
          disabled={disabled}
        />
      )}
    </div>
  );
}
