import { z } from 'zod';
import { CONTROL_CHARACTER_MESSAGE, isWellFormedText, MALFORMED_TEXT_MESSAGE, type TextOptions } from '../text';

/**
 * Text a person typed (names, reasons, chat, notes, search queries) as every contract takes it.
 *
 * PostgreSQL refuses NUL in text and a lone surrogate is not valid UTF-8, so either would
 * otherwise turn into a 500 far from where it came in (and, written in a shared batch, into
 * someone else's 500). Control characters have no place in typed text either. They are
 * refused here with a 400 that names the field; everything a keyboard or an IME produces
 * (any script, emoji, combining marks, right-to-left text) passes, normalised to NFC.
 */
// C0 controls and DEL and C1 controls; multi-line text keeps tab and newline (\r\n becomes \n).
/* eslint-disable no-control-regex -- control characters are what these refuse */
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/* eslint-enable no-control-regex */

/** A string schema for typed text: well-formed, no control characters, NFC, trimmed, bounded. */
export function zText(options: TextOptions) {
  const control = options.multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE;
  let schema = z
    .string({ message: 'must be text' })
    .refine(isWellFormedText, { message: MALFORMED_TEXT_MESSAGE, abort: true })
    .overwrite((value) => (options.multiline ? value.replace(/\r\n?/g, '\n') : value))
    .refine((value) => !control.test(value), { message: CONTROL_CHARACTER_MESSAGE, abort: true })
    .normalize('NFC');
  if (options.trim !== false) schema = schema.trim();
  if (options.min)
    schema = schema.min(options.min, { message: options.min === 1 ? 'is required' : `must be at least ${options.min} characters` });
  return schema.max(options.max, { message: `must be at most ${options.max} characters` });
}
