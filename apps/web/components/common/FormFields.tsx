import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useRef, useState, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';
import { flushSync } from 'react-dom';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '@telehealth/contracts';
import { errorMessage } from '@/lib/api-client';
import { formErrorsOf, type FormErrors } from '@/lib/form-errors';
import styles from './FormFields.module.css';

interface FieldFrame {
  id: string;
  label: ReactNode;
  testId: string;
  /** A sentence under the control, read out with it; `hintIsError` shows it as a problem. */
  hint?: ReactNode;
  hintIsError?: boolean;
  /**
   * What is wrong with the value, said on the field: the control is marked invalid and describes
   * itself with this message, so a screen reader hears it on reaching the field.
   */
  error?: ReactNode;
}

/** The ids of a field's message elements, and the attributes that tie the control to them. */
function fieldDescription(id: string, { hint, hintIsError, error }: Pick<FieldFrame, 'hint' | 'hintIsError' | 'error'>) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ');
  const invalid = Boolean(error) || Boolean(hint && hintIsError);
  return {
    errorId,
    hintId,
    frameClass: invalid ? `field ${styles.invalid}` : 'field',
    attributes: {
      'aria-describedby': describedBy || undefined,
      'aria-invalid': invalid ? ('true' as const) : undefined,
    },
  };
}

function Hint({ id, hint, isError }: { id: string; hint?: ReactNode; isError?: boolean }) {
  if (!hint) return null;
  return (
    <span id={id} className={isError ? `hint ${styles.hintProblem}` : 'hint'}>
      {hint}
    </span>
  );
}

function FieldError({ id, error, testId }: { id: string; error?: ReactNode; testId: string }) {
  if (!error) return null;
  return (
    <span id={id} className={styles.error} data-testid={`${testId}-error`}>
      {error}
    </span>
  );
}

type TextFieldValue =
  /** Controlled: the form holds the value. */
  | { value: string; onChange: (value: string) => void; defaultValue?: never }
  /**
   * Uncontrolled: the input holds the value and the form reads it on submit (FormData). What a
   * person types before React hydrates the page is then never replaced by an empty state.
   */
  | { value?: never; onChange?: (value: string) => void; defaultValue?: string };

/** A labelled input of the app's forms: the label points at it, its message and hint describe it. */
export function TextField({
  id,
  label,
  testId,
  hint,
  hintIsError,
  error,
  value,
  defaultValue,
  onChange,
  ref,
  ...input
}: FieldFrame &
  TextFieldValue & { ref?: Ref<HTMLInputElement> } & Omit<
    InputHTMLAttributes<HTMLInputElement>,
    'id' | 'value' | 'defaultValue' | 'onChange'
  >) {
  const { errorId, hintId, frameClass, attributes } = fieldDescription(id, { hint, hintIsError, error });
  return (
    <div className={frameClass}>
      <label htmlFor={id}>{label}</label>
      <input
        ref={ref}
        id={id}
        {...(value !== undefined ? { value } : { defaultValue })}
        onChange={onChange ? (e) => onChange(e.target.value) : undefined}
        {...attributes}
        data-testid={testId}
        {...input}
      />
      <FieldError id={errorId} error={error} testId={testId} />
      <Hint id={hintId} hint={hint} isError={hintIsError} />
    </div>
  );
}

/** The languages a person can choose, each by its own name (as its speakers look for it in a list). */
export const LANGUAGE_OPTIONS: ReadonlyArray<{ value: Language; label: string }> = LANGUAGES.map((language) => ({
  value: language,
  label: LANGUAGE_NAMES[language],
}));

/** A labelled choice among fixed options. */
export function SelectField({
  id,
  label,
  testId,
  hint,
  hintIsError,
  error,
  value,
  onChange,
  options,
  name,
}: FieldFrame & {
  value: string;
  onChange: (value: string) => void;
  options: ReadonlyArray<{ value: string; label: string }>;
  name?: string;
}) {
  const { errorId, hintId, frameClass, attributes } = fieldDescription(id, { hint, hintIsError, error });
  return (
    <div className={frameClass}>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} value={value} onChange={(e) => onChange(e.target.value)} {...attributes} data-testid={testId}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError id={errorId} error={error} testId={testId} />
      <Hint id={hintId} hint={hint} isError={hintIsError} />
    </div>
  );
}

/**
 * The sentence at the top of a form that was refused as a whole (a wrong password, a used link).
 * It takes focus (tabIndex -1) so keyboard and screen reader users land on it, not on <body>.
 */
export function FormErrorSummary({ ref, testId, children }: { ref?: Ref<HTMLDivElement>; testId: string; children: ReactNode }) {
  return (
    <div ref={ref} className={`alert alert-error ${styles.summary}`} role="alert" tabIndex={-1} data-testid={testId}>
      {children}
    </div>
  );
}

/**
 * What is wrong with a form, and where focus goes when it is shown. `inputIds` gives each field's
 * input id, in the form's order: the first field with a problem takes focus, else the summary
 * (`summaryRef`, for FormErrorSummary), so focus is never lost to <body> after a refusal.
 */
export function useFormProblems<Field extends string>(inputIds: Readonly<Record<Field, string>>) {
  const t = useTranslations('common');
  const language = useLocale();
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  /** Shows these problems (none: clears them) and focuses the first; says whether there was one. */
  const show = useCallback(
    (fields: Partial<Record<Field, string>>, sentence: string | null = null): boolean => {
      // Rendered before focus moves, so the field is announced with its message.
      flushSync(() => {
        setProblems(fields);
        setSummary(sentence);
      });
      const first = (Object.keys(inputIds) as Field[]).find((field) => fields[field]);
      if (first) document.getElementById(inputIds[first])?.focus();
      else if (sentence) summaryRef.current?.focus();
      return Boolean(first ?? sentence);
    },
    [inputIds],
  );

  /**
   * Shows why a request was refused, in the page's language: on the field it names (by the API's
   * name, see `labels`), else in the summary; gives back what it showed.
   */
  const showRefusal = useCallback(
    (error: unknown, labels: Readonly<Partial<Record<Field, string>>>): FormErrors => {
      const refused = formErrorsOf(error, labels as Record<string, string>, t, language, (e) => errorMessage(e, language));
      show(refused.fields as Partial<Record<Field, string>>, refused.summary);
      return refused;
    },
    [show, t, language],
  );

  return { problems, summary, summaryRef, show, showRefusal };
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
  const t = useTranslations('common');
  return (
    <SelectField
      id={id}
      label={t('formFields.duration')}
      value={String(minutes)}
      onChange={(value) => onChange(Number(value))}
      options={choices.map((value) => ({ value: String(value), label: t('formFields.minutes', { minutes: value }) }))}
      testId={id}
    />
  );
}
