import { Coverage, FontKey, reportFonts, splitFontRuns } from './fonts';

// A small stand-in for the fonts' character maps, so the rules read without the real files.
/* eslint-disable no-control-regex -- the Latin stand-in covers U+0000 onwards, as the real font's map does */
const has: Record<FontKey, RegExp> = {
  latin: /[\u0000-\u024f\u0370-\u03ff\u0400-\u04ff\u2000-\u206f]/u,
  arabic: /[\u0600-\u06ff 0-9.,:!?]/u,
  cjk: /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u0400-\u04ff ,0-9]/u,
  emoji: /[\p{Extended_Pictographic}\u200d ]/u,
};
const covers: Coverage = (font, codePoint) => has[font].test(String.fromCodePoint(codePoint));
const runs = (text: string, rightToLeft = false) => splitFontRuns(text, covers, { rightToLeft }).map((run) => `${run.font}:${run.text}`);

describe(splitFontRuns.name, () => {
  it('keeps Latin, Cyrillic and Greek in Noto Sans even when the CJK font also has them', () => {
    expect(runs('Иван Петров, Ωμέγα and Leo')).toEqual(['latin:Иван Петров, Ωμέγα and Leo']);
  });

  it('switches to the CJK font for Chinese and back, spaces and punctuation staying with the text around them', () => {
    expect(runs('Dr. 李小龙, 42 Иван')).toEqual(['latin:Dr. ', 'cjk:李小龙, 42 ', 'latin:Иван']);
  });

  it('keeps an Arabic phrase with its inner spaces and numbers in one run, but not the space before Latin text', () => {
    expect(runs('Hi مرحبا بك منذ 3 أيام and bye')).toEqual(['latin:Hi ', 'arabic:مرحبا بك منذ 3 أيام', 'latin: and bye']);
  });

  it('leaves punctuation after Arabic to a left-to-right line, and keeps it in a right-to-left paragraph', () => {
    expect(runs('مرحبا: ')).toEqual(['arabic:مرحبا', 'latin:: ']);
    expect(runs('مرحبا!', true)).toEqual(['arabic:مرحبا!']);
  });

  it('sets emoji in the emoji font with their joiners, and gives the spaces between them back to text', () => {
    expect(runs('ok 🙂 👨‍👩‍👧!')).toEqual(['latin:ok ', 'emoji:🙂', 'latin: ', 'emoji:👨‍👩‍👧', 'latin:!']);
  });

  it('falls back to Noto Sans (its empty box, the text kept) for a script no font covers, never to "?"', () => {
    expect(runs('한국어')).toEqual(['latin:한국어']);
  });

  it('keeps combining marks with the letter before them', () => {
    expect(runs('e\u0301 李\u0301')).toEqual(['latin:e\u0301 ', 'cjk:李\u0301']);
  });
});

describe('the installed report fonts', () => {
  it('cover the names the issue named, each in the expected font', () => {
    const sut = reportFonts();
    expect(sut.split('Иван Петров 李小龙 مرحبا Ωμέγα 🙂').map((run) => run.font)).toEqual(['latin', 'cjk', 'arabic', 'latin', 'emoji']);
    for (const [font, sample] of [
      ['latin', 'ИванΩμέγαé'],
      ['arabic', 'مرحبا'],
      ['cjk', '李小龙こんにちは'],
      ['emoji', '🙂❤👍'],
    ] as const) {
      for (const char of sample) expect([font, char, sut.covers(font, char.codePointAt(0)!)]).toEqual([font, char, true]);
    }
  });
});
