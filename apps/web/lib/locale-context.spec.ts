import { createElement, Suspense, use } from 'react';
import { renderToPipeableStream } from 'react-dom/server';
import { Writable } from 'node:stream';
import { currentLocale } from './locale-context';
import { LocaleContext } from './locale-react-context';
import { formatTime } from './time';

const EVENING = '2026-11-30T20:45:00.000Z';

/** A part of a page that waits for its data (a suspended render), then writes a time in the page's locale. */
function LateTime({ data }: { data: Promise<void> }) {
  use(data);
  return createElement('time', null, formatTime(EVENING, 'Europe/Berlin'));
}

/** Server-renders a page in `locale` whose time waits for `data`; resolves with the HTML once all of it is written. */
function renderPage(locale: string, data: Promise<void>): Promise<string> {
  return new Promise((resolve, reject) => {
    let html = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        html += chunk.toString();
        done();
      },
    });
    sink.on('finish', () => resolve(html));
    const page = createElement(
      LocaleContext,
      { value: locale },
      createElement(Suspense, { fallback: '…' }, createElement(LateTime, { data })),
    );
    const stream = renderToPipeableStream(page, { onAllReady: () => stream.pipe(sink), onError: reject });
  });
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => undefined as void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe(currentLocale.name, () => {
  it('gives each server render its own request’s locale, even when their suspended parts resume interleaved', async () => {
    const berlin = deferred();
    const newYork = deferred();
    const berlinPage = renderPage('de-DE', berlin.promise);
    const newYorkPage = renderPage('en-US', newYork.promise);
    // Both have rendered up to their waiting part; the later one's provider ran last.
    await new Promise((resolve) => setImmediate(resolve));
    berlin.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    newYork.resolve();
    const [berlinHtml, newYorkHtml] = await Promise.all([berlinPage, newYorkPage]);
    expect(berlinHtml).toContain('<time>21:45</time>');
    expect(newYorkHtml).toMatch(/<time>9:45\sPM<\/time>/);
  });

  it('is American English outside a render and without a page locale', () => {
    expect(currentLocale()).toBe('en-US');
  });
});
