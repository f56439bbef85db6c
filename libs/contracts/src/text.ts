/**
 * What typed text may hold, as every contract takes it (`zText` in schemas/text.ts): well-formed
 * Unicode without control characters. The sentences a refusal says, for the API and the web alike.
 */
export const CONTROL_CHARACTER_MESSAGE = 'must not contain control characters';
export const MALFORMED_TEXT_MESSAGE = 'must be valid Unicode text (it contains a broken character)';

/** True for a string with no unpaired UTF-16 surrogate (what String.prototype.isWellFormed checks). */
export function isWellFormedText(value: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value);
}

export interface TextOptions {
  /** Shortest length after trimming; 1 makes the field required ("is required"). */
  min?: number;
  max: number;
  /** Keeps newlines and tabs (chat, notes, reasons); single-line fields refuse them. */
  multiline?: boolean;
  /** Trims surrounding white space (default true). Notes keep theirs. */
  trim?: boolean;
}
