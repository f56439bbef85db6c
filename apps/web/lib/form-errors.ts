import type { Language } from '@telehealth/contracts';
import type { Translator } from '@/i18n/translator';
import type english from '@/messages/en/common.json';
import { commonWords } from './common-words';

/**
 * The API refuses a bad field with a 400 whose sentence names it for programs: "email: must be an
 * email address", "startsAt: must not be in the past." (`describeZodError` in contracts, and a
 * few services). People never see that form: a form puts the problem on the field it is about,
 * in words with the field's label, and anything else reads as a sentence without the prefix.
 *
 * The API words its problems in English. The problems it often gives have messages of their own
 * (`common.formErrors.problems`), in every language; any other is said in the API's own words on
 * an English page, and as "… is not valid" in the others.
 */

/** A validation sentence of the API, split: the field's path and what is wrong with it. */
export interface FieldProblem {
  /** The API's name for the field, a dotted path for nested ones (`patient.email`). */
  field: string;
  /** What is wrong, as the API words it: usually a predicate ("must be an email address"). */
  problem: string;
}

/** What a form shows for a refused request: messages on its fields, and a sentence for the rest. */
export interface FormErrors {
  /** A message for each field of the form that the refusal is about, by the API's field name. */
  fields: Record<string, string>;
  /** The sentence for the form as a whole, or null when every problem sits on a field. */
  summary: string | null;
}

/** The language the API writes its sentences in. */
export const API_LANGUAGE: Language = 'en';

type Common = Translator<'common'>;

// "field: problem", where field is an identifier path such as `patient.email` or `items.0.name`; the API's
// fields start with a small letter, so a sentence such as "Note: …" is not taken for one.
const FIELD_SENTENCE = /^([a-z_$][\w$]*(?:\.[\w$]+)*): (\S[\s\S]*)$/;

/** The API's "field: problem" sentence split in two, or null for a sentence of any other form. */
export function parseFieldProblem(sentence: string): FieldProblem | null {
  const match = FIELD_SENTENCE.exec(sentence.trim());
  if (!match) return null;
  return { field: match[1]!, problem: match[2]!.trim() };
}

/**
 * The messages for the fields of the API's request bodies (`common.formErrors.fields`), for a
 * problem about a field the form does not show (or a form that maps none). Keyed by the full path
 * first, then by its last part.
 */
type FieldKey = keyof (typeof english)['formErrors']['fields'];

const FIELD_WORDS: Readonly<Record<string, FieldKey>> = {
  email: 'email',
  password: 'password',
  name: 'name',
  timeZone: 'timeZone',
  language: 'language',
  token: 'token',
  code: 'code',
  startsAt: 'startsAt',
  endsAt: 'endsAt',
  durationMinutes: 'durationMinutes',
  patientId: 'patient',
  patient: 'patient',
  'patient.email': 'patientEmail',
  'patient.name': 'patientName',
  'patient.timeZone': 'patientTimeZone',
  reason: 'reason',
  status: 'status',
  role: 'role',
  notes: 'notes',
  body: 'body',
  baseVersion: 'baseVersion',
  from: 'from',
  to: 'to',
  page: 'page',
  pageSize: 'pageSize',
};

/** The words for an API field: its own, its last part's, or "One of the details". */
function fieldWords(field: string, t: Common): string {
  const own = (name: string): FieldKey | undefined => (Object.hasOwn(FIELD_WORDS, name) ? FIELD_WORDS[name] : undefined);
  const key = own(field) ?? own(field.split('.').pop() ?? '') ?? 'unknown';
  return t(`formErrors.fields.${key}`);
}

/** The API's problems that have messages of their own, by what the API says (without a final full stop). */
function knownProblem(apiProblem: string, field: string, t: Common): string | null {
  const problem = apiProblem.trim().replace(/\.$/, '');
  // ZEmailSchema's: "Email must be an email address." says nothing the person did not know.
  if (problem === 'must be an email address') return t('formErrors.problems.emailShape', { field });
  if (problem === 'is required') return t('formErrors.problems.required', { field });
  if (problem === 'must not be in the past') return t('formErrors.problems.past', { field });
  const shortest = /^must be at least (\d+) characters$/.exec(problem);
  if (shortest) return t('formErrors.problems.tooShort', { field, min: Number(shortest[1]) });
  const longest = /^must be at most (\d+) characters$/.exec(problem);
  if (longest) return t('formErrors.problems.tooLong', { field, max: Number(longest[1]) });
  return null;
}

// The API words most problems as what the field must be or is ("must be …", "is required"): those
// read as a sentence after the field's name. Anything else (zod's own "Invalid input: …", an
// instruction such as "give either …") stands alone.
const PREDICATE = /^(must|is|are|was|can|cannot|should|has|may)\b/;

function asSentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/**
 * The problem as a sentence about `subject` (a form's label, or the field in words): its own
 * message when the problem is a known one; else, in English (the API's language), the API's
 * predicate after the subject or its instruction on its own; in any other language, and for zod's
 * default wording (which says nothing a person can act on), that the field is not valid.
 */
function problemSentence(subject: string, apiProblem: string, t: Common, language: Language): string {
  const known = knownProblem(apiProblem, subject, t);
  if (known) return known;
  if (language !== API_LANGUAGE || /^[A-Z]/.test(apiProblem)) return t('formErrors.problems.invalid', { field: subject });
  if (PREDICATE.test(apiProblem)) return asSentence(`${subject} ${apiProblem}`);
  return asSentence(apiProblem);
}

/** A refused field as a sentence for people, in `language`: about `subject` (the form's label) when given, else the field in words. */
export function fieldProblemSentence(problem: FieldProblem, t: Common, language: Language, subject?: string): string {
  return problemSentence(subject ?? fieldWords(problem.field, t), problem.problem, t, language);
}

/**
 * Any sentence of the API made fit for people, in the API's own language: a "field: problem"
 * sentence without its prefix ("startsAt: must not be in the past." → "The start time must not be
 * in the past."), any other sentence as it is. What `ApiError.message` holds (lib/api-client).
 */
export function readableSentence(sentence: string): string {
  const parsed = parseFieldProblem(sentence);
  return parsed ? fieldProblemSentence(parsed, commonWords(API_LANGUAGE), API_LANGUAGE) : sentence;
}

/**
 * Where a refused request's problem goes on a form, in `language` with `t`. `labels` names the
 * form's fields by the API's field names (`{ email: 'Email', password: 'Password' }`): a problem
 * about one of them becomes a message on that field, worded with its label ("Email should look like
 * name@example.com."); any other problem is the summary, in words ("The start time must not be in
 * the past."). `error` is what a request threw: an ApiError of `lib/api-client` carries the problem
 * it was refused for (`fieldProblem`); anything else is summed up by `describe` (lib/api-client's
 * `errorMessage`, which knows the API's reasons), or by its message on an English page.
 */
export function formErrorsOf(
  error: unknown,
  labels: Readonly<Record<string, string>>,
  t: Common,
  language: Language,
  describe?: (error: unknown) => string,
): FormErrors {
  const problem = fieldProblemOf(error);
  if (problem) {
    const label = labels[problem.field];
    if (label) return { fields: { [problem.field]: fieldProblemSentence(problem, t, language, label) }, summary: null };
    return { fields: {}, summary: fieldProblemSentence(problem, t, language) };
  }
  if (describe) return { fields: {}, summary: describe(error) };
  if (!(error instanceof Error)) return { fields: {}, summary: t('errors.generic') };
  const parsed = parseFieldProblem(error.message);
  if (parsed) return { fields: {}, summary: fieldProblemSentence(parsed, t, language) };
  return { fields: {}, summary: language === API_LANGUAGE ? error.message : t('errors.generic') };
}

function fieldProblemOf(error: unknown): FieldProblem | null {
  if (!(error instanceof Error)) return null;
  const carried = (error as Error & { fieldProblem?: unknown }).fieldProblem;
  if (carried && typeof carried === 'object' && 'field' in carried && 'problem' in carried) {
    const { field, problem } = carried as Record<string, unknown>;
    if (typeof field === 'string' && typeof problem === 'string') return { field, problem };
  }
  return null;
}
