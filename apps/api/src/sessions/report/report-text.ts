import PDFDocument from 'pdfkit';
import { ReportFonts, RIGHT_TO_LEFT } from './fonts';
import { writeRightToLeft } from './right-to-left';

export const MARGIN = 56;
export const COLOR_TEXT = '#111111';
export const COLOR_MUTED = '#555555';
export const COLOR_WARN = '#8a3b00';

// eslint-disable-next-line no-control-regex -- control characters are what this strips
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text as the PDF takes it: composed, without control or direction-override characters, spaces a line may break at. */
export function cleanText(text: string): string {
  return (
    text
      .replace(LONE_SURROGATE, '\ufffd')
      .normalize('NFC')
      .replace(/\r\n?/g, '\n')
      .replace(/\t/g, '    ')
      .replace(/[\u00a0\u202f\u2009]/g, ' ')
      // Emoji presentation selectors: the report sets pictographs in the emoji font anyway, and Noto Emoji draws them as a gap.
      .replace(/[\ufe0e\ufe0f]/g, '')
      .replace(CONTROL, '')
  );
}

interface PdfkitInternals {
  _font?: { constructor: new (doc: PDFKit.PDFDocument, font: unknown, id: string) => unknown };
  _fontFamilies?: Record<string, unknown>;
  _fontCount?: number;
}
let EmbeddedFont: (new (doc: PDFKit.PDFDocument, font: unknown, id: string) => unknown) | null | undefined;

/**
 * Registers the report fonts on a document. pdfkit would parse each font file again for every document
 * (Noto Sans alone costs ~100 ms of layout-table parsing); when its internals are as expected (0.17), the
 * document instead gets pdfkit's own embedded-font objects over the fonts parsed once per thread.
 * Each document still embeds its own subset.
 */
export function attachFonts(doc: PDFKit.PDFDocument, fonts: ReportFonts): void {
  for (const [name, bytes] of fonts.files) doc.registerFont(name, bytes);
  if (EmbeddedFont === undefined) {
    const probe = new PDFDocument({ autoFirstPage: false });
    probe.registerFont('probe', fonts.files.values().next().value);
    probe.font('probe');
    const constructor = (probe as unknown as PdfkitInternals)._font?.constructor;
    EmbeddedFont = typeof constructor === 'function' ? constructor : null;
  }
  const internals = doc as unknown as PdfkitInternals;
  if (!EmbeddedFont || typeof internals._fontFamilies !== 'object' || typeof internals._fontCount !== 'number') return;
  for (const [name, font] of fonts.parsed) {
    internals._fontCount += 1;
    internals._fontFamilies[name] = new EmbeddedFont(doc, font, `F${internals._fontCount}`);
  }
}

/** A piece of a paragraph in one style; pieces are split further into font runs. */
export interface Piece {
  text: string;
  bold?: boolean;
  color?: string;
  /**
   * Text a person wrote (a name, a message, notes): set right to left as a whole when it starts with a
   * right-to-left letter; in a right-to-left report, an isolate that keeps its own direction.
   */
  own?: boolean;
}

// Numbers inside a right-to-left run would come out reversed when fontkit reverses the run's glyphs:
// reversing them first puts them back in reading order.
const NUMBER = /\p{Nd}+(?:[.,:/\u066b\u066c]\p{Nd}+)*/gu;
function forRightToLeftRun(text: string): string {
  return text.replace(NUMBER, (number) => [...number].reverse().join(''));
}

/** Writes the report's paragraphs on one document, in the report's fonts and styles. */
export interface ReportWriter {
  doc: PDFKit.PDFDocument;
  fonts: ReportFonts;
  /** The report's direction, its language's: a right-to-left report sets every paragraph from the right. */
  direction: 'ltr' | 'rtl';
  /** The width of the text column (the page between its margins). */
  width: number;
  /** One paragraph from styled pieces (at: where its first line starts, instead of the current position). */
  rich: (pieces: Piece[], options?: PDFKit.Mixins.TextOptions, at?: { x: number; y: number }) => void;
  /** One paragraph in one style. */
  write: (text: string, options?: PDFKit.Mixins.TextOptions, bold?: boolean) => void;
  /** A section heading, on a new page when too little of this one is left. */
  heading: (text: string) => void;
  /** "Label: value"; `own` when the value is text a person wrote (a name, the reason): an isolate in a right-to-left report. */
  field: (label: string, value: string, own?: boolean) => void;
  /** A warning that the report leaves something out. */
  leftOut: (text: string) => void;
}

/**
 * One paragraph from styled pieces, each character set in a font that has it. Every run sits on Noto
 * Sans' baseline and line height, whatever its font's own metrics. A user's own text that starts right
 * to left has its runs in right-to-left order (exact for one line; a wrapped mixed-direction paragraph
 * keeps this order across its lines, as the full Unicode bidi algorithm is not implemented).
 */
function writeRich(
  doc: PDFKit.PDFDocument,
  fonts: ReportFonts,
  width: number,
  pieces: Piece[],
  options: PDFKit.Mixins.TextOptions = {},
  at?: { x: number; y: number },
): void {
  const latin = fonts.metrics.latin;
  const runs = pieces.flatMap((piece) => {
    const text = cleanText(piece.text);
    const rightToLeft = piece.own === true && fonts.isRightToLeft(text);
    const split = fonts.split(text, { rightToLeft }).map((run) => ({ ...run, bold: piece.bold, color: piece.color }));
    return rightToLeft ? split.reverse() : split;
  });
  if (runs.length === 0) runs.push({ font: 'latin', text: '', bold: pieces[0]?.bold, color: pieces[0]?.color });
  runs.forEach((run, index) => {
    doc.font(fonts.nameOf(run.font, run.bold ? 'bold' : 'regular'));
    if (run.color) doc.fillColor(run.color);
    const rightToLeft = RIGHT_TO_LEFT.has(run.font);
    const own = fonts.metrics[run.font];
    const size = (doc as unknown as { _fontSize: number })._fontSize;
    const runOptions: PDFKit.Mixins.TextOptions = {
      width,
      ...options,
      // With features set pdfkit lays a line out as one piece (fontkit then orders it right to left);
      // null (not undefined, which would inherit the previous run's option) keeps word-by-word layout.
      features: (rightToLeft ? [] : null) as unknown as PDFKit.Mixins.TextOptions['features'],
      // A numeric baseline is the offset of the baseline from the top of the line, negated, in points.
      baseline: -(latin.ascender / 1000) * size,
      lineGap: ((latin.ascender - latin.descender + latin.lineGap - (own.ascender - own.descender + own.lineGap)) / 1000) * size,
      continued: index < runs.length - 1,
    };
    const text = rightToLeft ? forRightToLeftRun(run.text) : run.text;
    if (index === 0 && at) doc.text(text, at.x, at.y, runOptions);
    else doc.text(text, runOptions);
  });
}

/**
 * The writer for a document that has the report fonts attached (attachFonts), in the report's direction:
 * left to right (English, Spanish) as pdfkit lays text out, or right to left (Arabic) through
 * writeRightToLeft, every paragraph aligned right unless its options say otherwise.
 */
export function reportWriter(doc: PDFKit.PDFDocument, fonts: ReportFonts, direction: 'ltr' | 'rtl' = 'ltr'): ReportWriter {
  const width = doc.page.width - 2 * MARGIN;
  const rich: ReportWriter['rich'] =
    direction === 'rtl'
      ? (pieces, options = {}, at) => writeRightToLeft(doc, fonts, width, pieces, options, at, cleanText)
      : (pieces, options = {}, at) => writeRich(doc, fonts, width, pieces, options, at);
  const write: ReportWriter['write'] = (text, options = {}, bold = false) => rich([{ text, bold }], options);
  return {
    doc,
    fonts,
    direction,
    width,
    rich,
    write,
    heading: (text) => {
      if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
      doc.moveDown(1).fontSize(13).fillColor(COLOR_TEXT);
      write(text, {}, true);
      doc.moveDown(0.3).fontSize(10);
    },
    field: (label, value, own = false) => {
      doc.fontSize(10);
      rich([
        { text: `${label}: `, bold: true, color: COLOR_TEXT },
        // Left to right, a value keeps the layout it always had; right to left, a person's text is an isolate.
        { text: value, color: COLOR_TEXT, own: own && direction === 'rtl' },
      ]);
    },
    leftOut: (text) => {
      doc.fontSize(9);
      rich([{ text, color: COLOR_WARN }]);
      doc.fontSize(10).moveDown(0.3);
    },
  };
}
