import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReportRequest } from './report-assembly';
import type { ReportInputs } from './report.repository';
import type { RenderReply, RenderRequest, ReportWorkerData } from './report.worker';

/** The pool has no free worker and no room left in its queue. */
export class ReportPoolFullError extends Error {
  constructor() {
    super('All report workers are busy and the report queue is full.');
  }
}

/** The visit asked for does not exist (any more). */
export class ReportNotFoundError extends Error {
  constructor() {
    super('There is no such visit.');
  }
}

/** A report as the worker made it. */
export interface RenderedReport {
  bytes: Buffer;
  fileName: string;
}

/** A render took longer than the pool allows; its worker was stopped. */
export class ReportTimeoutError extends Error {
  constructor(ms: number) {
    super(`The report took longer than ${ms} ms to render.`);
  }
}

export interface ReportPoolOptions {
  /** Worker threads rendering at once (REPORT_WORKERS). */
  workers: number;
  /** Reports that may wait for a worker (REPORT_QUEUE_SIZE); one more is refused. */
  queueSize: number;
  /** A render still running after this is stopped (its worker is replaced). */
  timeoutMs: number;
  /** Where the workers read visits, each on one connection of its own (see ReportWorkerData). */
  databaseUrl?: string;
}

interface Job {
  id: number;
  request: ReportRequest;
  inputs?: ReportInputs;
  resolve(report: RenderedReport): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

/**
 * Where the worker's code is. Built (`npm start`, the Docker image): the compiled `report.worker.js`
 * beside this file. From TypeScript source (jest with @swc/jest, which transforms only inside its own
 * sandbox; a worker thread is a plain Node.js thread that cannot load .ts): a small bootstrap teaches that
 * thread's `require` to compile .ts with @swc/core, the same compiler jest uses (a dev dependency, present
 * wherever the sources are run), then loads `report.worker.ts`.
 */
function workerEntry(): { filename: string; eval: boolean; entry?: string } {
  if (__filename.endsWith('.js')) return { filename: join(__dirname, 'report.worker.js'), eval: false };
  const bootstrap = `
    const { createRequire } = require('node:module');
    const { readFileSync } = require('node:fs');
    const { workerData } = require('node:worker_threads');
    const requireHere = createRequire(workerData.entry);
    const { transformSync } = requireHere('@swc/core');
    requireHere.extensions['.ts'] = (module, filename) => {
      const { code } = transformSync(readFileSync(filename, 'utf8'), {
        filename,
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      });
      module._compile(code, filename);
    };
    requireHere(workerData.entry);
  `;
  return { filename: bootstrap, eval: true, entry: join(__dirname, 'report.worker.ts') };
}

/**
 * A bounded pool of worker threads that read a visit and turn it into PDF bytes, so the API's event loop
 * (HTTP, signaling relay, health) never waits for a long visit's rows or a PDF layout. Workers start on
 * first use and stay; they do not keep the process alive (unref), and close() stops them. At most
 * `workers` renders run and `queueSize` wait; beyond that render() refuses at once with
 * ReportPoolFullError (the API answers 503).
 */
export class ReportRenderPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: ReportPoolOptions) {}

  /**
   * Makes the report in a worker, from `inputs` when given (else the worker reads them); rejects with
   * ReportPoolFullError when every worker is busy and the queue is full, ReportNotFoundError when there
   * is no such visit.
   */
  render(request: ReportRequest, inputs?: ReportInputs): Promise<RenderedReport> {
    if (this.closed) return Promise.reject(new Error('The report pool is closed.'));
    const idle = this.slots.find((slot) => slot.job === null);
    const canGrow = this.slots.length < this.options.workers;
    if (!idle && !canGrow && this.queue.length >= this.options.queueSize) return Promise.reject(new ReportPoolFullError());
    return new Promise<RenderedReport>((resolve, reject) => {
      const job: Job = { id: this.nextId++, request, inputs, resolve, reject };
      if (idle) this.start(idle, job);
      else if (canGrow) this.start(this.spawn(), job);
      else this.queue.push(job);
    });
  }

  /** Work in progress, for tests and logs. */
  stats(): { workers: number; busy: number; queued: number } {
    return { workers: this.slots.length, busy: this.slots.filter((slot) => slot.job).length, queued: this.queue.length };
  }

  /** Stops every worker; renders still running or waiting are refused. */
  async close(): Promise<void> {
    this.closed = true;
    const error = new Error('The service is shutting down.');
    for (const job of this.queue.splice(0)) job.reject(error);
    const slots = this.slots.splice(0);
    for (const slot of slots) {
      if (slot.timer) clearTimeout(slot.timer);
      slot.job?.reject(error);
      slot.job = null;
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): Slot {
    const entry = workerEntry();
    const workerData: ReportWorkerData & { entry?: string } = { databaseUrl: this.options.databaseUrl, entry: entry.entry };
    const worker = new Worker(entry.filename, { eval: entry.eval, workerData });
    worker.unref();
    const slot: Slot = { worker, job: null, timer: null };
    this.slots.push(slot);
    worker.on('message', (reply: RenderReply) => this.finish(slot, reply));
    worker.on('error', (error) => this.fail(slot, error));
    worker.on('exit', (code) => this.fail(slot, new Error(`The report worker stopped (exit code ${code}).`)));
    return slot;
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    slot.timer = setTimeout(() => {
      this.fail(slot, new ReportTimeoutError(this.options.timeoutMs));
      void slot.worker.terminate();
    }, this.options.timeoutMs);
    slot.timer.unref();
    slot.worker.postMessage({ id: job.id, request: job.request, inputs: job.inputs } satisfies RenderRequest);
  }

  private finish(slot: Slot, reply: RenderReply): void {
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = null;
    slot.timer = null;
    if (reply.ok) {
      job.resolve({ bytes: Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength), fileName: reply.fileName });
    } else if (reply.notFound) job.reject(new ReportNotFoundError());
    else job.reject(Object.assign(new Error(`The report could not be rendered: ${reply.message}`), { code: reply.code }));
    this.next(slot);
  }

  /** A worker that crashed, exited or timed out leaves the pool; its job fails and the queue moves on. */
  private fail(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    if (slot.timer) clearTimeout(slot.timer);
    slot.job?.reject(error);
    slot.job = null;
    slot.worker.removeAllListeners('message');
    if (!this.closed && this.queue.length > 0) this.start(this.spawn(), this.queue.shift()!);
  }

  private next(slot: Slot): void {
    const job = this.queue.shift();
    if (job) this.start(slot, job);
  }
}
