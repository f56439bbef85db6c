/**
 * `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded name>` (RFC 6266 with the
 * RFC 5987 extended parameter), so "visit-report-…-иван-петров.pdf" keeps its name in every current
 * browser while old clients get a readable ASCII name. A name that is plain ASCII already gets only
 * `filename`. Both values are built from safe characters only, so no name can break out of the header.
 */
export function attachmentDisposition(fileName: string): string {
  const name = fileName.normalize('NFC');
  const fallback = asciiFileName(name);
  if (fallback === name) return `attachment; filename="${fallback}"`;
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

/** Percent-encodes all but RFC 5987 attr-chars (encodeURIComponent leaves ' ( ) * as they are, which attr-char does not allow). */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** "Zoë O’Brien.pdf" → "Zoe-O-Brien.pdf", "李小龙.pdf" → "download.pdf": letters without accents, digits, dot, dash and underscore. */
export function asciiFileName(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [fileName.slice(0, dot), fileName.slice(dot + 1)] : [fileName, ''];
  const ascii = (part: string) =>
    part
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^-+|-+$/g, '');
  const safeExtension = ascii(extension);
  return `${ascii(stem) || 'download'}${safeExtension ? `.${safeExtension}` : ''}`;
}
