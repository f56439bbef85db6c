import { BidiClass, bidiClass, firstStrong, mirror, resolveLevels, visualOrder } from './bidi';
import { ReportFonts, RIGHT_TO_LEFT } from './fonts';
import type { Piece } from './report-text';

/** One grapheme cluster of a paragraph, in logical order. */
interface Unit {
  text: string;
  piece: number;
  cls: BidiClass;
  /** Its level in the paragraph; for the text of an isolate (a piece a person wrote), the isolate's level. */
  level: number;
  /** Its level inside its isolate (own pieces only). */
  inner?: number;
}

/** A run to draw: one font, one style, one direction, text as the font engine takes it. */
interface DrawRun {
  text: string;
  font: string;
  features: PDFKit.Mixins.TextOptions['features'] | null;
  color?: string;
  width: number;
}

const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });
const graphemes = (text: string) => [...segmenter.segment(text)].map((segment) => segment.segment);
const reversed = (text: string) => graphemes(text).reverse().join('');
const HAS_RIGHT_TO_LEFT_SCRIPT = /[\p{Script=Arabic}\p{Script=Hebrew}]/u;

/**
 * The units of a right-to-left paragraph with their levels. Pieces a person wrote (`own`: a name, a chat
 * message, a line of notes) are isolates, as `<bdi>` in a page: their direction is that of their first
 * letter, and the paragraph around them places them as one neutral block.
 */
function paragraphUnits(pieces: Array<Piece & { text: string }>): Unit[] {
  const units: Unit[] = [];
  pieces.forEach((piece, index) => {
    for (const text of graphemes(piece.text)) units.push({ text, piece: index, cls: bidiClass(text), level: 1 });
  });
  const outer = resolveLevels(
    units.map((unit) => (pieces[unit.piece]!.own ? 'ON' : unit.cls)),
    1,
  );
  units.forEach((unit, index) => (unit.level = outer[index]!));
  pieces.forEach((piece, index) => {
    if (!piece.own) return;
    const mine = units.filter((unit) => unit.piece === index);
    const base = firstStrong(mine.map((unit) => unit.cls)) === 'L' ? 0 : 1;
    const inner = resolveLevels(
      mine.map((unit) => unit.cls),
      base,
    );
    mine.forEach((unit, k) => (unit.inner = inner[k]!));
  });
  return units;
}

/** The units of one line in the order they are shown, left to right: isolates kept together, each ordered inside. */
function lineOrder(line: Unit[]): Array<{ unit: Unit; level: number }> {
  const items: Array<{ units: Unit[]; level: number; isolate: boolean }> = [];
  for (const unit of line) {
    const last = items[items.length - 1];
    const isolate = unit.inner !== undefined;
    if (isolate && last?.isolate && last.units[0]!.piece === unit.piece) last.units.push(unit);
    else items.push({ units: [unit], level: unit.level, isolate });
  }
  return visualOrder(items.map((item) => item.level)).flatMap((index) => {
    const item = items[index]!;
    if (!item.isolate) return [{ unit: item.units[0]!, level: item.level }];
    return visualOrder(item.units.map((unit) => unit.inner!)).map((k) => ({ unit: item.units[k]!, level: item.units[k]!.inner! }));
  });
}

const FIRST_STRONG_ISOLATE = '\u2068';
const POP_DIRECTIONAL_ISOLATE = '\u2069';

/**
 * A piece split where it marks text a person wrote inside a sentence (a name, a message) with FSI … PDI
 * (report-data's `isolated`): that text becomes a piece of its own, an isolate like `own` pieces.
 */
function isolates(piece: Piece): Piece[] {
  if (!piece.text.includes(FIRST_STRONG_ISOLATE)) return [piece];
  const parts: Piece[] = [];
  let rest = piece.text;
  while (rest !== '') {
    const open = rest.indexOf(FIRST_STRONG_ISOLATE);
    if (open < 0) {
      parts.push({ ...piece, text: rest });
      break;
    }
    const close = rest.indexOf(POP_DIRECTIONAL_ISOLATE, open);
    const end = close < 0 ? rest.length : close;
    if (open > 0) parts.push({ ...piece, text: rest.slice(0, open) });
    parts.push({ ...piece, text: rest.slice(open + 1, end), own: true });
    rest = rest.slice(end + 1);
  }
  return parts.filter((part) => part.text !== '');
}

/** A paragraph being laid out: its pieces and units, and how its text is measured in the report fonts. */
interface Layout {
  doc: PDFKit.PDFDocument;
  fonts: ReportFonts;
  pieces: Piece[];
  units: Unit[];
}

function fontName(layout: Layout, font: keyof ReportFonts['metrics'], piece: Piece): string {
  return layout.fonts.nameOf(font, piece.bold ? 'bold' : 'regular');
}

function measure(layout: Layout, text: string, font: string, features: DrawRun['features']): number {
  return layout.doc.font(font).widthOfString(text, { features: features ?? undefined });
}

/** The width of units [from, to), piece by piece. */
function widthOf(layout: Layout, from: number, to: number): number {
  const { units, pieces, fonts } = layout;
  let total = 0;
  let start = from;
  for (let i = from; i <= to && from < to; i++) {
    if (i === to || units[i]!.piece !== units[start]!.piece) {
      const piece = pieces[units[start]!.piece]!;
      const text = units
        .slice(start, i)
        .map((unit) => unit.text)
        .join('');
      for (const run of fonts.split(text, { rightToLeft: true })) {
        total += measure(layout, run.text, fontName(layout, run.font, piece), RIGHT_TO_LEFT.has(run.font) ? [] : null);
      }
      start = i;
    }
  }
  return total;
}

/** The paragraph's lines as unit ranges, in reading order: broken after spaces, a word longer than a line broken where it must. */
function breakLines(layout: Layout, boxWidth: number, lineBreak: boolean): Array<[number, number]> {
  const { units } = layout;
  if (!lineBreak) return [[0, units.length]];
  const lines: Array<[number, number]> = [];
  let lineStart = 0;
  let lineWidth = 0;
  let i = 0;
  while (i < units.length) {
    // The next word, and the spaces after it.
    let end = i;
    while (end < units.length && units[end]!.cls !== 'WS') end++;
    let next = end;
    while (next < units.length && units[next]!.cls === 'WS') next++;
    const word = widthOf(layout, i, end);
    if (lineWidth + word <= boxWidth) {
      lineWidth += word + widthOf(layout, end, next);
      i = next;
    } else if (i > lineStart) {
      lines.push([lineStart, i]);
      lineStart = i;
      lineWidth = 0;
    } else {
      let cut = i + 1;
      while (cut < end && widthOf(layout, i, cut + 1) <= boxWidth) cut++;
      lines.push([i, cut]);
      lineStart = i = cut;
      lineWidth = 0;
    }
  }
  if (lineStart < units.length || lines.length === 0) lines.push([lineStart, units.length]);
  return lines;
}

/**
 * The runs of a stretch of one piece at one level, in the order they are shown. fontkit sets Arabic
 * script right to left: it gets reading order (mirrored when the stretch is right to left), and a
 * left-to-right stretch of Arabic digits goes in reversed so it comes out in reading order. Other text
 * of a right-to-left stretch (spaces, punctuation, brackets) is reversed and mirrored here.
 */
function drawRuns(layout: Layout, visual: string, piece: Piece, rightToLeft: boolean): DrawRun[] {
  const logical = rightToLeft ? reversed(visual) : visual;
  const runs = layout.fonts.split(logical, { rightToLeft }).map((run): DrawRun => {
    const arabic = RIGHT_TO_LEFT.has(run.font);
    const font = fontName(layout, run.font, piece);
    let text: string;
    if (arabic) text = rightToLeft ? mirror(run.text) : HAS_RIGHT_TO_LEFT_SCRIPT.test(run.text) ? reversed(run.text) : run.text;
    else text = rightToLeft ? mirror(reversed(run.text)) : run.text;
    const features = arabic ? [] : null;
    return { text, font, features, color: piece.color, width: measure(layout, text, font, features) };
  });
  return rightToLeft ? runs.reverse() : runs;
}

/** The runs of line [from, to) as shown, left to right (trailing spaces left out). */
function lineRuns(layout: Layout, from: number, to: number): DrawRun[] {
  let end = to;
  while (end > from && layout.units[end - 1]!.cls === 'WS') end--;
  const shown = lineOrder(layout.units.slice(from, end));
  const runs: DrawRun[] = [];
  for (let i = 0; i < shown.length;) {
    let k = i + 1;
    while (k < shown.length && shown[k]!.unit.piece === shown[i]!.unit.piece && shown[k]!.level === shown[i]!.level) k++;
    const text = shown
      .slice(i, k)
      .map((entry) => entry.unit.text)
      .join('');
    runs.push(...drawRuns(layout, text, layout.pieces[shown[i]!.unit.piece]!, shown[i]!.level % 2 === 1));
    i = k;
  }
  return runs;
}

/**
 * Writes a paragraph right to left: broken into lines in reading order (at spaces, by measured width),
 * each line reordered as UAX #9 shows it and set from the right edge (or as `options.align` says).
 * Every run sits on Noto Sans' baseline, lines are Noto Sans' line height apart, and a line that does
 * not fit on the page starts a new one (not when written `at` a place: the page footer).
 */
export function writeRightToLeft(
  doc: PDFKit.PDFDocument,
  fonts: ReportFonts,
  width: number,
  input: Piece[],
  options: PDFKit.Mixins.TextOptions = {},
  at?: { x: number; y: number },
  clean: (text: string) => string = (text) => text,
): void {
  const pieces = input.flatMap(isolates).map((piece) => ({ ...piece, text: clean(piece.text) }));
  const layout: Layout = { doc, fonts, pieces, units: paragraphUnits(pieces) };
  const size = (doc as unknown as { _fontSize: number })._fontSize;
  const latin = fonts.metrics.latin;
  const lineHeight = ((latin.ascender - latin.descender + latin.lineGap) / 1000) * size;
  const baseline = -(latin.ascender / 1000) * size;
  const left = at?.x ?? doc.page.margins.left;
  const boxWidth = options.width ?? width;
  const align = options.align ?? 'right';
  const startColor = (doc as unknown as { _fillColor?: [string, number?] })._fillColor;

  let y = at?.y ?? doc.y;
  for (const [from, to] of breakLines(layout, boxWidth, options.lineBreak !== false)) {
    if (!at && y + lineHeight > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      y = doc.y;
    }
    const runs = lineRuns(layout, from, to);
    const lineWidth = runs.reduce((total, run) => total + run.width, 0);
    let x = align === 'left' ? left : align === 'center' ? left + (boxWidth - lineWidth) / 2 : left + boxWidth - lineWidth;
    for (const run of runs) {
      doc.font(run.font);
      if (run.color) doc.fillColor(run.color);
      else if (startColor) doc.fillColor(...startColor);
      doc.text(run.text, x, y, { lineBreak: false, baseline, features: run.features as PDFKit.Mixins.TextOptions['features'] });
      x += run.width;
    }
    y += lineHeight;
  }
  doc.font(fonts.nameOf('latin', 'regular'));
  doc.x = doc.page.margins.left;
  if (!at) doc.y = y;
}
