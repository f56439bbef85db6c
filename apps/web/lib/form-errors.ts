/**
 * The API refuses a bad field with a 400 whose sentence names it for programs: "email: must be an
 * email address", "startsAt: must not be in the past." (`describeZodError` in contracts, and a
 * few services). People never see that form: a form puts the problem on the field it is about,
 * in words with the field's label, and anything else reads as a sentence without the prefix.
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
 * The words for the fields of the API's request bodies, for a problem about a field the form does
 * not show (or a form that maps none). Keyed by the full path first, then by its last part.
 */
const FIELD_WORDS: Record<string, string> = {
  email: 'The email address',
  password: 'The password',
  name: 'The name',
  timeZone: 'The time zone',
  token: 'The link',
  code: 'The visit code',
  startsAt: 'The start time',
  endsAt: 'The end time',
  durationMinutes: 'The length of the visit',
  patientId: 'The patient',
  patient: 'The patient',
  'patient.email': "The patient's email address",
  'patient.name': "The patient's name",
  'patient.timeZone': "The patient's time zone",
  reason: 'The reason for the visit',
  status: "The visit's status",
  role: 'The role',
  notes: 'The notes',
  body: 'The message',
  baseVersion: 'The version of the notes',
  from: 'The first date',
  to: 'The last date',
  page: 'The page number',
  pageSize: 'The page size',
};

const UNKNOWN_FIELD = 'One of the details';

/** Problems of the API worded better for people, whatever field they are about. */
const PROBLEM_WORDS: Record<string, string> = {
  // ZEmailSchema's: "Email must be an email address." says nothing the person did not know.
  'must be an email address': 'should look like name@example.com',
};

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
 * The problem as a sentence whose subject is `subject` (a form's label, or the field in words).
 * Built from the two parts because the API sends its problems in English predicates; when the
 * messages move to catalogues, each problem gets its own message instead.
 */
function problemSentence(subject: string, apiProblem: string): string {
  const problem = PROBLEM_WORDS[apiProblem.replace(/\.$/, '')] ?? apiProblem;
  if (PREDICATE.test(problem)) return asSentence(`${subject} ${problem}`);
  // Zod's default messages ("Invalid input: expected string") say nothing a person can act on.
  if (/^[A-Z]/.test(problem)) return `${subject} is not valid.`;
  return asSentence(problem);
}

/** The words for an API field: its own, its last part's, or "One of the details". */
function fieldWords(field: string): string {
  return FIELD_WORDS[field] ?? FIELD_WORDS[field.split('.').pop() ?? ''] ?? UNKNOWN_FIELD;
}

/**
 * Any sentence of the API made fit for people: a "field: problem" sentence without its prefix
 * ("startsAt: must not be in the past." → "The start time must not be in the past."), any other
 * sentence as it is.
 */
export function readableSentence(sentence: string): string {
  const parsed = parseFieldProblem(sentence);
  return parsed ? problemSentence(fieldWords(parsed.field), parsed.problem) : sentence;
}

/**
 * Where a refused request's problem goes on a form. `labels` names the form's fields by the API's
 * field names (`{ email: 'Email', password: 'Password' }`): a problem about one of them becomes a
 * message on that field, worded with its label ("Email must be an email address."); any other
 * problem is the summary, in words ("The start time must not be in the past."). `error` is what a
 * request threw: an ApiError of `lib/api-client` carries the problem it was refused for
 * (`fieldProblem`); anything else is summed up by its message.
 */
export function formErrorsOf(error: unknown, labels: Readonly<Record<string, string>> = {}): FormErrors {
  const problem = fieldProblemOf(error);
  if (problem) {
    const label = labels[problem.field];
    if (label) return { fields: { [problem.field]: problemSentence(label, problem.problem) }, summary: null };
    return { fields: {}, summary: problemSentence(fieldWords(problem.field), problem.problem) };
  }
  const message = error instanceof Error ? error.message : 'Something went wrong. Please try again.';
  return { fields: {}, summary: readableSentence(message) };
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
