import { asciiFileName, attachmentDisposition, encodeRfc5987 } from './content-disposition';

describe(attachmentDisposition.name, () => {
  it('gives a plain ASCII name as filename only', () => {
    expect(attachmentDisposition('visit-report-2026-03-03-leo-brandt.pdf')).toBe(
      'attachment; filename="visit-report-2026-03-03-leo-brandt.pdf"',
    );
  });

  it('keeps a Cyrillic and Chinese name in filename* (RFC 5987) with an ASCII fallback', () => {
    expect(attachmentDisposition('visit-report-2026-03-03-иван-петров-李小龙.pdf')).toBe(
      'attachment; filename="visit-report-2026-03-03.pdf"; ' +
        "filename*=UTF-8''visit-report-2026-03-03-%D0%B8%D0%B2%D0%B0%D0%BD-%D0%BF%D0%B5%D1%82%D1%80%D0%BE%D0%B2-%E6%9D%8E%E5%B0%8F%E9%BE%99.pdf",
    );
  });

  it('drops accents for the fallback and decodes back to the same name', () => {
    const header = attachmentDisposition('visit-report-zoë-o’brien.pdf');
    expect(header).toContain('filename="visit-report-zoe-o-brien.pdf"');
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(header)![1]!)).toBe('visit-report-zoë-o’brien.pdf');
  });

  it('cannot be broken out of: quotes, semicolons, line breaks and path characters never reach the header as they are', () => {
    const header = attachmentDisposition('a"; filename=evil.exe\r\nX-Injected: 1/..\\b (c)*\'.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toMatch(/^attachment; filename="[A-Za-z0-9._-]+"; filename\*=UTF-8''[A-Za-z0-9!#$&+.^_`|~%-]+$/);
  });
});

describe(encodeRfc5987.name, () => {
  it("escapes the characters encodeURIComponent leaves but attr-char forbids: ' ( ) *", () => {
    expect(encodeRfc5987("it's (a)*")).toBe('it%27s%20%28a%29%2A');
  });
});

describe(asciiFileName.name, () => {
  it('falls back to "download" when nothing of the name is ASCII', () => {
    expect(asciiFileName('李小龙.pdf')).toBe('download.pdf');
  });
});
