import type { InputHTMLAttributes, ReactNode, Ref } from 'react';

interface FieldFrame {
  id: string;
  label: ReactNode;
  testId: string;
  /** A sentence under the control, read out with it; `hintIsError` shows it as a problem. */
  hint?: ReactNode;
  hintIsError?: boolean;
}

function Hint({ id, hint, isError }: { id: string; hint?: ReactNode; isError?: boolean }) {
  if (!hint) return null;
  return (
    <span id={id} className="hint" style={isError ? { color: 'var(--danger)' } : undefined}>
      {hint}
    </span>
  );
}

/** A labelled input of the app's forms: the label points at it, the hint describes it. */
export function TextField({
  id,
  label,
  testId,
  hint,
  hintIsError,
  value,
  onChange,
  ref,
  ...input
}: FieldFrame & { value: string; onChange: (value: string) => void; ref?: Ref<HTMLInputElement> } & Omit<
    InputHTMLAttributes<HTMLInputElement>,
    'id' | 'value' | 'onChange'
  >) {
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        ref={ref}
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={hint ? hintId : undefined}
        data-testid={testId}
        {...input}
      />
      <Hint id={hintId} hint={hint} isError={hintIsError} />
    </div>
  );
}

/** A labelled choice among fixed options. */
export function SelectField({
  id,
  label,
  testId,
  hint,
  value,
  onChange,
  options,
}: FieldFrame & { value: string; onChange: (value: string) => void; options: Array<{ value: string; label: string }> }) {
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={hint ? hintId : undefined}
        data-testid={testId}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Hint id={hintId} hint={hint} />
    </div>
  );
}

/** How long a visit is, among the lengths a doctor can choose. */
export function DurationField({
  id,
  minutes,
  choices,
  onChange,
}: {
  id: string;
  minutes: number;
  choices: readonly number[];
  onChange: (minutes: number) => void;
}) {
  return (
    <SelectField
      id={id}
      label="Duration"
      value={String(minutes)}
      onChange={(value) => onChange(Number(value))}
      options={choices.map((value) => ({ value: String(value), label: `${value} min` }))}
      testId={id}
    />
  );
}
