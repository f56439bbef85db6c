import en from '@/messages/en/common.json';
import es from '@/messages/es/common.json';
import type * as BrowserCatalogues from './common-catalogues.browser';

/** A fresh copy of the browser's module: it keeps what it was given in module state. */
function browserCatalogues(): typeof BrowserCatalogues {
  let sut: typeof BrowserCatalogues | undefined;
  jest.isolateModules(() => {
    sut = jest.requireActual<typeof BrowserCatalogues>('./common-catalogues.browser');
  });
  return sut!;
}

describe('the common catalogues in the browser', () => {
  it('knows no words of its own before LocaleProvider gave any', () => {
    expect(browserCatalogues().commonCatalogue('en')).toEqual({});
  });

  it("words English with the page's catalogue on an English page", () => {
    const sut = browserCatalogues();
    sut.rememberCommonCatalogue('en', en);
    expect(sut.commonCatalogue('en')).toBe(en);
  });

  it('keeps the English catalogue the root layout sent to a page in another language', () => {
    const sut = browserCatalogues();
    sut.rememberCommonCatalogue('es', es);
    sut.rememberCommonCatalogue('en', en);
    expect(sut.commonCatalogue('es')).toBe(es);
    expect(sut.commonCatalogue('en')).toBe(en);
  });

  it("falls back to the page's words for a language it was not given", () => {
    const sut = browserCatalogues();
    sut.rememberCommonCatalogue('es', es);
    expect(sut.commonCatalogue('en')).toBe(es);
    expect(sut.commonCatalogue('ar')).toBe(es);
  });
});
