import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The fonts a report is set in, all embedded (subset) from npm packages, nothing fetched at run time:
 * - latin: Noto Sans (@embedpdf/fonts-latin): Latin, Cyrillic, Greek, and the punctuation around them;
 * - arabic: Noto Naskh Arabic (@embedpdf/fonts-arabic), shaped and set right to left;
 * - cjk: Noto Sans Hans (@embedpdf/fonts-sc): Chinese (GB2312 and more), Japanese kana; also covers
 *   Cyrillic, Greek and Latin, but those prefer Noto Sans;
 * - emoji: Noto Emoji, monochrome (@expo-google-fonts/noto-emoji).
 * Korean Hangul, Hebrew, Devanagari, Thai and other scripts are not covered: they show the font's
 * empty box, while the text itself stays in the PDF (copy and search still find it).
 */
export type FontKey = 'latin' | 'arabic' | 'cjk' | 'emoji';
export type FontWeight = 'regular' | 'bold';

/** Which font sets a character: the first in this order that has a glyph for it. */
export const FONT_FALLBACK_CHAIN: readonly FontKey[] = ['latin', 'arabic', 'cjk', 'emoji'];
/** Pictographs (⌚, ❤, 🙂 …) try the emoji font first, so they look like emoji wherever a text font also has them. */
const PICTOGRAPH_CHAIN: readonly FontKey[] = ['emoji', ...FONT_FALLBACK_CHAIN.filter((font) => font !== 'emoji')];
/** Fonts whose runs are set right to left as one piece. */
export const RIGHT_TO_LEFT: ReadonlySet<FontKey> = new Set<FontKey>(['arabic']);

/** One stretch of text set in one font. */
export interface FontRun {
  font: FontKey;
  text: string;
}

/** Whether `font` has a glyph for the code point. */
export type Coverage = (font: FontKey, codePoint: number) => boolean;

// Marks, joiners, variation selectors, skin tones and tag characters belong to the character before them.
// eslint-disable-next-line no-misleading-character-class -- single combining characters and joiners are tested one at a time
const CLINGS_TO_PREVIOUS = /^[\p{M}\u200c\u200d\ufe00-\ufe0f\u{1f3fb}-\u{1f3ff}\u{e0020}-\u{e007f}]$/u;
// Spaces and punctuation take the font of the text around them rather than forcing a change of font.
const SPACE_OR_PUNCTUATION = /^[\s\p{P}]$/u;
// Digits and symbols may join a left-to-right run, never a right-to-left one (that would reverse them).
const WEAK = /^[\p{N}\p{S}]$/u;
const PICTOGRAPH = /^\p{Extended_Pictographic}$/u;

function chainFor(char: string, codePoint: number): readonly FontKey[] {
  return codePoint >= 0x2190 && PICTOGRAPH.test(char) ? PICTOGRAPH_CHAIN : FONT_FALLBACK_CHAIN;
}

/** The font for a character on its own: the first in its chain that covers it, else Noto Sans (its empty-box glyph). */
function fontFor(char: string, covers: Coverage): FontKey {
  const codePoint = char.codePointAt(0)!;
  return chainFor(char, codePoint).find((font) => covers(font, codePoint)) ?? 'latin';
}

function isNeutral(char: string): boolean {
  return SPACE_OR_PUNCTUATION.test(char) || (WEAK.test(char) && !PICTOGRAPH.test(char));
}

/** Right to left when the first letter (not a digit, space or symbol) is set in a right-to-left font. */
export function isRightToLeft(text: string, covers: Coverage): boolean {
  for (const char of text) {
    if (!isNeutral(char) && !CLINGS_TO_PREVIOUS.test(char)) return RIGHT_TO_LEFT.has(fontFor(char, covers));
  }
  return false;
}

/**
 * Splits text into runs, each set in the first font of the fallback chain that covers it
 * (Noto Sans → Noto Naskh Arabic → Noto Sans Hans → Noto Emoji). Spaces, punctuation, digits and
 * symbols stay in the run they are in when its font has them, so "李小龙, 42" is one run. A right-to-left
 * run keeps them only between its own words (and, in right-to-left text, at its end), so its words and
 * numbers keep their reading order and what follows it in a left-to-right line is not pulled inside it.
 */
export function splitFontRuns(text: string, covers: Coverage, options: { rightToLeft?: boolean } = {}): FontRun[] {
  const chars = [...text];
  const runs: FontRun[] = [];
  let current: FontRun | null = null;
  const nextStrongFont = (from: number): FontKey | null => {
    for (let index = from; index < chars.length; index++) {
      const char = chars[index]!;
      if (!isNeutral(char) && !CLINGS_TO_PREVIOUS.test(char)) return fontFor(char, covers);
    }
    return null;
  };
  chars.forEach((char, index) => {
    const codePoint = char.codePointAt(0)!;
    let font: FontKey;
    if (current && CLINGS_TO_PREVIOUS.test(char)) font = current.font;
    else if (current && isNeutral(char) && !PICTOGRAPH.test(char) && covers(current.font, codePoint)) {
      // The emoji font's spaces and punctuation are as wide as an emoji: text takes them back.
      let staysInRun = current.font !== 'emoji';
      if (RIGHT_TO_LEFT.has(current.font)) {
        const next = nextStrongFont(index + 1);
        staysInRun = next === current.font || (next === null && options.rightToLeft === true);
      }
      font = staysInRun ? current.font : fontFor(char, covers);
    } else font = fontFor(char, covers);
    if (current && current.font === font) current.text += char;
    else {
      current = { font, text: char };
      runs.push(current);
    }
  });
  return runs;
}

interface FontkitFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
  unitsPerEm: number;
  ascent: number;
  descent: number;
  lineGap: number;
}
// fontkit (pdfkit's own font engine) ships no types; this is all the report uses of it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fontkit = require('fontkit') as { create(buffer: Buffer): FontkitFont };

/** The folder of an installed package (its package.json), found from its main file so `exports` maps do not matter. */
function packageRoot(name: string): string {
  let folder = dirname(require.resolve(name));
  while (
    !existsSync(join(folder, 'package.json')) ||
    (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { name?: string }).name !== name
  ) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`The font package ${name} is not installed.`);
    folder = parent;
  }
  return folder;
}

const FONT_FILES: Record<FontKey, { package: string; regular: string; bold: string }> = {
  latin: { package: '@embedpdf/fonts-latin', regular: 'fonts/NotoSans-Regular.ttf', bold: 'fonts/NotoSans-Bold.ttf' },
  arabic: { package: '@embedpdf/fonts-arabic', regular: 'fonts/NotoNaskhArabic-Regular.ttf', bold: 'fonts/NotoNaskhArabic-Bold.ttf' },
  cjk: { package: '@embedpdf/fonts-sc', regular: 'fonts/NotoSansHans-Regular.otf', bold: 'fonts/NotoSansHans-Bold.otf' },
  // Noto Emoji has no bold worth the extra megabyte: bold text uses the regular emoji.
  emoji: {
    package: '@expo-google-fonts/noto-emoji',
    regular: '400Regular/NotoEmoji_400Regular.ttf',
    bold: '400Regular/NotoEmoji_400Regular.ttf',
  },
};

/** Every file a report may embed, by package; the Dockerfile keeps only these from the font packages. */
export function fontFiles(): Array<{ font: FontKey; weight: FontWeight; path: string }> {
  return (Object.keys(FONT_FILES) as FontKey[]).flatMap((font) => {
    const root = packageRoot(FONT_FILES[font].package);
    return (['regular', 'bold'] as const).map((weight) => ({ font, weight, path: join(root, FONT_FILES[font][weight]) }));
  });
}

/** The fonts loaded once per thread: the bytes to embed and a coverage check with a per-character cache. */
export interface ReportFonts {
  /** pdfkit font name → font file bytes. */
  files: Map<string, Buffer>;
  /** pdfkit font name → the font parsed once per thread (parsing Noto Sans' layout tables costs ~100 ms). */
  parsed: Map<string, unknown>;
  nameOf(font: FontKey, weight: FontWeight): string;
  covers: Coverage;
  /** Ascender, descender and line gap per font, in thousandths of the font size (as pdfkit measures). */
  metrics: Record<FontKey, { ascender: number; descender: number; lineGap: number }>;
  split(text: string, options?: { rightToLeft?: boolean }): FontRun[];
  isRightToLeft(text: string): boolean;
}

let loaded: ReportFonts | null = null;

export function reportFonts(): ReportFonts {
  if (loaded) return loaded;
  const files = new Map<string, Buffer>();
  const parsed = new Map<string, unknown>();
  const byPath = new Map<string, Buffer>();
  const nameOf = (font: FontKey, weight: FontWeight) => `report-${font}-${weight}`;
  const regular = new Map<FontKey, FontkitFont>();
  for (const file of fontFiles()) {
    const bytes = byPath.get(file.path) ?? readFileSync(file.path);
    byPath.set(file.path, bytes);
    const font = fontkit.create(bytes);
    files.set(nameOf(file.font, file.weight), bytes);
    parsed.set(nameOf(file.font, file.weight), font);
    if (file.weight === 'regular') regular.set(file.font, font);
  }
  // Bold and regular cover the same characters in these families, so coverage is checked on regular.
  const cache = new Map<number, number>();
  const bit = (font: FontKey) => 1 << FONT_FALLBACK_CHAIN.indexOf(font);
  const covers: Coverage = (font, codePoint) => {
    let mask = cache.get(codePoint);
    if (mask === undefined) {
      mask = 0;
      for (const key of FONT_FALLBACK_CHAIN) if (regular.get(key)!.hasGlyphForCodePoint(codePoint)) mask |= bit(key);
      cache.set(codePoint, mask);
    }
    return (mask & bit(font)) !== 0;
  };
  const metrics = Object.fromEntries(
    FONT_FALLBACK_CHAIN.map((key) => {
      const font = regular.get(key)!;
      const scale = 1000 / font.unitsPerEm;
      return [key, { ascender: font.ascent * scale, descender: font.descent * scale, lineGap: font.lineGap * scale }];
    }),
  ) as ReportFonts['metrics'];
  loaded = {
    files,
    parsed,
    nameOf,
    covers,
    metrics,
    split: (text, options) => splitFontRuns(text, covers, options),
    isRightToLeft: (text) => isRightToLeft(text, covers),
  };
  return loaded;
}
