import type { Language } from '@telehealth/contracts';
import { translator } from '../../i18n/translator';
import { COLOR_MUTED, MARGIN, ReportWriter } from './report-text';

/**
 * "<clinic> - confidential" and "Page n of N" at the foot of every page, in the report's language (in a
 * right-to-left report, the clinic at the right and the page at the left). Call it once the whole report
 * is laid out (the document buffers its pages), so the page count is known.
 */
export function writePageFooters(out: ReportWriter, clinicName: string, language: Language): void {
  const { doc, fonts, width, rich } = out;
  const t = translator('report', language);
  const pages = doc.bufferedPageRange();
  for (let index = pages.start; index < pages.start + pages.count; index++) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing into the margin must not start a new page
    doc.fontSize(8).fillColor(COLOR_MUTED);
    const y = doc.page.height - 36;
    const confidential = t('footer.confidential', { clinic: clinicName });
    const page = t('footer.page', { page: index - pages.start + 1, pages: pages.count });
    if (out.direction === 'rtl') {
      rich([{ text: confidential }], { width: width * 0.7, align: 'right', lineBreak: false }, { x: MARGIN + width * 0.3, y });
      rich([{ text: page }], { width: width * 0.3, align: 'left', lineBreak: false }, { x: MARGIN, y });
    } else {
      rich([{ text: confidential }], { width: width * 0.7, align: 'left', lineBreak: false }, { x: MARGIN, y });
      doc.font(fonts.nameOf('latin', 'regular'));
      doc.text(page, MARGIN, y, { width, align: 'right', lineBreak: false });
    }
    doc.page.margins.bottom = bottom;
  }
}
