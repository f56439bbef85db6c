import { COLOR_MUTED, MARGIN, ReportWriter } from './report-text';

/**
 * "<clinic> - confidential" and "Page n of N" at the foot of every page. Call it once the whole report
 * is laid out (the document buffers its pages), so the page count is known.
 */
export function writePageFooters(out: ReportWriter, clinicName: string): void {
  const { doc, fonts, width, rich } = out;
  const pages = doc.bufferedPageRange();
  for (let index = pages.start; index < pages.start + pages.count; index++) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing into the margin must not start a new page
    doc.fontSize(8).fillColor(COLOR_MUTED);
    rich(
      [{ text: `${clinicName} - confidential` }],
      { width: width * 0.7, align: 'left', lineBreak: false },
      { x: MARGIN, y: doc.page.height - 36 },
    );
    doc.font(fonts.nameOf('latin', 'regular'));
    doc.text(`Page ${index - pages.start + 1} of ${pages.count}`, MARGIN, doc.page.height - 36, {
      width,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}
