import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page, Response } from 'playwright-core';
import { expectNoCspViolations, launchBrowser, newPersonContext, screenshots } from './support/browser';
import { downloadReport } from './support/history';
import { bothInState, expectRemoteVideoPlaying, framesDecoded, reachCall, trackPage, watchPeerConnections } from './support/journey';
import { establishedTo, nginxAvailable, NginxStack, startNginxStack } from './support/nginx';
import { joinRoom, PlainSignalingClient, signIn } from '../examples/plain-signaling-client.mjs';
import { createAccount, PASSWORD, ROOT } from './support/stack';
import { describeWithBrowser } from './support/two-browsers';

const describeWithNginx = nginxAvailable() ? describeWithBrowser : describe.skip;

async function until(what: string, check: () => boolean, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeout / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describeWithNginx(
  'the compose stack on loopback: Debian’s nginx with deploy/nginx.conf in front of two API processes and the web app',
  () => {
    let stack: NginxStack;
    let doctorBrowser: Browser;
    let patientBrowser: Browser;
    beforeAll(async () => {
      [stack, doctorBrowser, patientBrowser] = await Promise.all([startNginxStack(), launchBrowser(), launchBrowser()]);
    }, 180_000);
    afterEach(expectNoCspViolations);
    afterAll(async () => {
      await Promise.all([doctorBrowser?.close(), patientBrowser?.close()]);
      await stack?.stop();
    });

    async function person(browser: Browser, name: string): Promise<{ page: Page; sockets: string[] }> {
      const context = await newPersonContext(browser, stack.origin);
      await watchPeerConnections(context);
      const page = await context.newPage();
      trackPage(page, name);
      const sockets: string[] = [];
      page.on('websocket', (socket) => sockets.push(socket.url()));
      return { page, sockets };
    }

    it('sign in, book, wait, a call with pictures over nginx’s WebSocket upgrade, an API process stopped mid-call and the call back through the other, end, report', async () => {
      const doctor = await createAccount('DOCTOR', 'Dr. Ada Brenner');
      const patient = await createAccount('PATIENT', 'Luis Ortega', 'Europe/London');
      const doctorSide = await person(doctorBrowser, 'doctor');
      const patientSide = await person(patientBrowser, 'patient');
      const pages = [doctorSide.page, patientSide.page];

      const reason = 'Shoulder pain, through nginx';
      await reachCall(doctorSide.page, patientSide.page, doctor, patient, reason);
      await Promise.all(pages.map(expectRemoteVideoPlaying));
      // The signaling sockets went to nginx's origin, and nginx upgraded them to an API process.
      for (const { sockets } of [doctorSide, patientSide]) {
        expect(sockets.length).toBeGreaterThan(0);
        for (const url of sockets) expect(url.startsWith(`ws://127.0.0.1:${stack.nginx.port}/socket.io/`)).toBe(true);
      }
      const holding = stack.apis.filter((api) => establishedTo(api.port) > 0);
      expect(holding).toHaveLength(1); // ip_hash: every browser here comes from 127.0.0.1
      const [stopped] = holding;
      const other = stack.apis.find((api) => api !== stopped)!;
      await screenshots(doctorSide.page, 'nginx-stack-call-doctor');

      // A deploy (SIGTERM) of the process holding both sockets: nginx sends the reconnects to the other one.
      const socketsBefore = [doctorSide.sockets.length, patientSide.sockets.length];
      const stoppedAt = Date.now();
      await stopped!.stop('SIGTERM');
      // Each browser opens a new WebSocket; nginx's connections to the other process alone would not say it
      // (a page's REST request through nginx can open one first: CI once counted two before the second socket).
      await until(
        'both browsers reconnected through nginx to the other API process',
        () =>
          doctorSide.sockets.length > socketsBefore[0]! && patientSide.sockets.length > socketsBefore[1]! && establishedTo(other.port) >= 2,
        45_000,
      );
      await bothInState(pages, 'connected', 45_000);
      console.log(`call connected again through the other API process ${Date.now() - stoppedAt} ms after the SIGTERM`);
      await Promise.all(pages.map(expectRemoteVideoPlaying));
      for (const page of pages) expect(await framesDecoded(page)).toBeGreaterThan(0);
      // nginx's own record: the upgrades it made (101) went to the stopped process first, then to the other.
      const upgrades = stack.nginx.upstreamsOf('/socket.io/').filter((entry) => entry.status === 101);
      expect(upgrades.map((entry) => entry.upstream)).toContain(`127.0.0.1:${stopped!.port}`);

      await doctorSide.page.getByTestId('end-session').click();
      await doctorSide.page.getByTestId('confirm-ok').click();
      await Promise.all(pages.map((page) => page.getByTestId('end-screen').waitFor()));
      // The visit's record and PDF report through nginx (the web app's /bff, then the API behind nginx again).
      const doctorPage = doctorSide.page;
      await doctorPage.goto('/history');
      await doctorPage.getByTestId('history-row').filter({ hasText: reason }).getByTestId('history-row-link').click();
      await doctorPage.getByTestId('session-record').waitFor();
      const report = await downloadReport(doctorPage);
      expect(report.bytes.subarray(0, 5).toString()).toBe('%PDF-');
      for (const text of [doctor.name, patient.name, reason]) expect(report.text).toContain(text);

      // nginx logs an upgraded request when its connection closes: close the pages' sockets.
      await Promise.all(pages.map((page) => page.context().close()));
      await until('the sockets to the other process closed', () => establishedTo(other.port) === 0, 20_000);
      const after = stack.nginx.upstreamsOf('/socket.io/').filter((entry) => entry.status === 101);
      expect(after.map((entry) => entry.upstream)).toContain(`127.0.0.1:${other.port}`);
    }, 240_000);

    it('the seed documents’ plain WebSocket through nginx: an instant room, joined over /ws', async () => {
      const doctor = await createAccount('DOCTOR', 'Dr. Omar Haddad');
      const token = await signIn(stack.origin, doctor.email, PASSWORD);
      const room = await joinRoom(stack.origin, token);
      const client = await PlainSignalingClient.open(stack.origin, { room_id: room.room_id, client_id: room.client_id }, token);
      try {
        expect((await client.custom('joined', 10_000)).payload).toMatchObject({ data: { client_id: room.client_id } });
      } finally {
        client.close();
      }
      await until('nginx logged the /ws upgrade', () => stack.nginx.upstreamsOf('/ws').some((entry) => entry.status === 101), 20_000);
    }, 60_000);

    it('a phone’s scripts through nginx: Brotli at its best for a browser that takes it, gzip for one that takes only gzip, the bytes and headers Next gives; a file nginx lacks still comes from the web app', async () => {
      const context = await newPersonContext(patientBrowser, stack.origin, { width: 390, height: 844 });
      const page = await context.newPage();
      trackPage(page, 'phone');
      const responses: Response[] = [];
      page.on('response', (response) => {
        if (response.request().resourceType() === 'script' && new URL(response.url()).pathname.startsWith('/_next/static/')) {
          responses.push(response);
        }
      });
      await page.goto('/sign-in', { waitUntil: 'load' });
      expect(responses.length).toBeGreaterThan(0);
      /** The file Next built for a /_next/static/… path, and nginx's precompressed copy of it. */
      const built = (pathname: string) => path.join(ROOT, 'apps/web/.next', pathname.slice('/_next'.length));
      const copied = (pathname: string) => path.join(stack.nginx.staticDir, pathname.slice('/_next/static'.length));
      const pathnames = responses.map((response) => new URL(response.url()).pathname);

      for (const [index, response] of responses.entries()) {
        const pathname = pathnames[index]!;
        const headers = await response.allHeaders();
        expect((await response.request().allHeaders())['accept-encoding']).toMatch(/\bbr\b/);
        // Brotli's best quality, made at build time: the very .br file, decoding to the very script Next built.
        expect({ pathname, status: response.status(), encoding: headers['content-encoding'] }).toEqual({
          pathname,
          status: 200,
          encoding: 'br',
        });
        expect(Number(headers['content-length'])).toBe(fs.statSync(`${copied(pathname)}.br`).size);
        expect((await response.body()).equals(fs.readFileSync(built(pathname)))).toBe(true);
      }

      for (const pathname of pathnames) {
        const [gzip, next] = await Promise.all([
          fetch(`${stack.origin}${pathname}`, { headers: { 'accept-encoding': 'gzip' } }),
          fetch(`${stack.webOrigin}${pathname}`, { headers: { 'accept-encoding': 'gzip' } }),
        ]);
        expect(gzip.headers.get('content-encoding')).toBe('gzip');
        expect(Buffer.from(await gzip.arrayBuffer()).equals(fs.readFileSync(built(pathname)))).toBe(true);
        // Cached for a year without asking again, and typed, as Next serves the same file.
        const said = (response: globalThis.Response) => ({
          pathname,
          cacheControl: response.headers.get('cache-control'),
          contentType: response.headers.get('content-type')?.toLowerCase(),
          nosniff: response.headers.get('x-content-type-options'),
          frameOptions: response.headers.get('x-frame-options'),
          varies: /accept-encoding/i.test(response.headers.get('vary') ?? ''),
        });
        expect(said(gzip)).toEqual(said(next));
        await next.arrayBuffer();
      }

      // A web container from another build: a script nginx's copy lacks still arrives, from the web app (Next's own gzip).
      const lacking = pathnames[0]!;
      for (const suffix of ['', '.br', '.gz']) fs.rmSync(`${copied(lacking)}${suffix}`);
      const fallback = await fetch(`${stack.origin}${lacking}`, { headers: { 'accept-encoding': 'gzip, br' } });
      expect({ status: fallback.status, encoding: fallback.headers.get('content-encoding') }).toEqual({ status: 200, encoding: 'gzip' });
      expect(Buffer.from(await fallback.arrayBuffer()).equals(fs.readFileSync(built(lacking)))).toBe(true);
      // nginx's own record: it answered from its copy ('-', no upstream) while it had the file, then asked the web app.
      const answeredBy = stack.nginx.upstreamsOf(lacking).map((entry) => entry.upstream);
      expect(answeredBy).toEqual([...answeredBy.slice(0, -1).map(() => '-'), new URL(stack.webOrigin).host]);
      expect(answeredBy.length).toBeGreaterThan(1);
      await context.close();
    }, 60_000);
  },
);
