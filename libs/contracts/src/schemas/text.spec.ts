import { CONTROL_CHARACTER_MESSAGE, MALFORMED_TEXT_MESSAGE } from '../text';
import { zText } from './text';

const message = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;

describe(zText.name, () => {
  const name = zText({ min: 1, max: 20 });
  const chat = zText({ min: 1, max: 20, multiline: true });

  it('accepts any script a person types, emoji and right-to-left text included', () => {
    for (const text of ['Иван Петров', '李小龙', 'مرحبا بك', 'Ωμέγα', '😀 👩🏽‍⚕️', "O'Brien-Núñez"]) {
      expect(name.parse(text)).toBe(text.normalize('NFC'));
    }
  });

  it('normalises to NFC and trims', () => {
    expect(name.parse('  Jose\u0301  ')).toBe('José');
  });

  it('refuses NUL and other control characters', () => {
    for (const text of ['a\u0000b', 'a\u0007', 'a\u001b[31m', 'a\u0085b', 'a\u007f']) {
      expect(message(name.safeParse(text))).toBe(CONTROL_CHARACTER_MESSAGE);
      expect(message(chat.safeParse(text))).toBe(CONTROL_CHARACTER_MESSAGE);
    }
  });

  it('refuses lone surrogates', () => {
    for (const text of ['a\ud800', '\udc00b', 'x\ud83d']) expect(message(chat.safeParse(text))).toBe(MALFORMED_TEXT_MESSAGE);
  });

  it('keeps newlines and tabs in multi-line text only, with \\r\\n as \\n', () => {
    expect(chat.parse('first\r\nsecond\tthird')).toBe('first\nsecond\tthird');
    expect(message(name.safeParse('first\nsecond'))).toBe(CONTROL_CHARACTER_MESSAGE);
  });

  it('says a blank required field is required', () => {
    expect(message(name.safeParse('   '))).toBe('is required');
  });
});
