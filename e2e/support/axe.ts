import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { AxeResults, ImpactValue, Result } from 'axe-core';
import type { Page } from 'playwright-core';

/** WCAG 2.0, 2.1 and 2.2, levels A and AA: the rules the product is held to (issue 17). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** What fails a journey: a problem that keeps someone from using the page. Minor and moderate ones are left to reviews. */
const BLOCKING: ReadonlySet<ImpactValue> = new Set<ImpactValue>(['serious', 'critical']);

/** Nodes and characters of each problem the failure names: enough to find it, short enough to read. */
const NODES_SHOWN = 3;
const HTML_SHOWN = 220;

/** How long a page's streamed title may follow its content (see `axeResults`). */
const TITLE_WAIT_MS = 5_000;

/**
 * axe-core itself, minified (half the bytes of `axe.source` to send over CDP, twice per run). AxeBuilder
 * evaluates it in the page through the DevTools protocol (Runtime.callFunctionOn): code that reaches
 * the page that way is not a script the page loads, so the web app's Content-Security-Policy (nonces,
 * 'strict-dynamic', no 'unsafe-eval') does not block it, and the page is checked under its real policy.
 * Were that ever to stop working, `analyze()` throws and the journey fails (see `axeResults`): no run is
 * quietly skipped, and no context is opened with `bypassCSP`, which would check a different page.
 */
let axeSource: string | undefined;
function minifiedAxe(): string {
  axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/** One line per node: its selector, the start of its HTML and the first reason axe gives. */
function describeNode(node: Result['nodes'][number]): string {
  const target = node.target.map((part) => (Array.isArray(part) ? part.join(' >>> ') : String(part))).join(' → ');
  const html = node.html.replace(/\s+/g, ' ').slice(0, HTML_SHOWN);
  const why = (node.failureSummary ?? '').split('\n').slice(1, 2).join('').trim();
  return `    ${target}\n      ${html}${why ? `\n      ${why}` : ''}`;
}

/** A readable account of the problems, for the test's failure message. */
export function describeViolations(state: string, url: string, violations: Result[]): string {
  const lines = violations.map((violation) => {
    const more = violation.nodes.length > NODES_SHOWN ? `\n    …and ${violation.nodes.length - NODES_SHOWN} more` : '';
    return (
      `- [${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})\n` +
      violation.nodes.slice(0, NODES_SHOWN).map(describeNode).join('\n') +
      more
    );
  });
  return `axe: ${violations.length} serious or critical accessibility problem(s) in "${state}" (${url}):\n${lines.join('\n')}`;
}

/**
 * axe-core's WCAG 2.2 AA rules run on the page as it is now (the caller waits for the state to be on
 * screen). Throws, naming the state, when axe could not run or checked nothing: a check that cannot
 * run must fail, not pass.
 */
export async function axeResults(page: Page, state: string): Promise<AxeResults> {
  // Next streams a dynamic page's metadata after its content: after a client-side navigation the
  // old page's <title> is gone and the new one can arrive a moment after what the caller waited for
  // (once in a CI run: "visit record (patient)"). axe judges the page with its title; a page whose
  // title never comes is still reported by axe's document-title rule.
  await page.waitForFunction(() => document.title.trim() !== '', undefined, { timeout: TITLE_WAIT_MS }).catch(() => undefined);
  let results: AxeResults;
  try {
    results = await new AxeBuilder({ page, axeSource: minifiedAxe() }).withTags(WCAG_TAGS).analyze();
  } catch (error) {
    throw new Error(`axe could not run in "${state}" (${page.url()}): ${(error as Error).message}`, { cause: error });
  }
  // axe ran in this page (not the blank page it finishes in) and found something to check.
  if (results.url !== page.url() || results.passes.length === 0) {
    throw new Error(`axe did not check "${state}": it reports ${results.passes.length} passing rules at ${results.url}, not ${page.url()}`);
  }
  return results;
}

/** The error `expectAccessible` throws for problems axe found (not for axe failing to run). */
export class AccessibilityViolations extends Error {
  constructor(
    readonly state: string,
    readonly violations: Result[],
    message: string,
  ) {
    super(message);
    this.name = 'AccessibilityViolations';
  }
}

/**
 * Fails when axe finds a serious or critical WCAG 2.2 A/AA problem on the page in `state` (a name for
 * the failure message: "the call (patient)"). Gives back axe's results, for a closer look at one rule.
 */
export async function expectAccessible(page: Page, state: string): Promise<AxeResults> {
  const results = await axeResults(page, state);
  const blocking = results.violations.filter((violation) => violation.impact && BLOCKING.has(violation.impact));
  if (blocking.length > 0) throw new AccessibilityViolations(state, blocking, describeViolations(state, page.url(), blocking));
  return results;
}

/** The nodes of one rule that failed, whatever their impact (e.g. `color-contrast` on the call screen). */
export function violationsOf(results: AxeResults, ruleId: string): Result[] {
  return results.violations.filter((violation) => violation.id === ruleId);
}

/**
 * For a long journey through many states: `expectAccessible` at each, the problems of every state kept
 * and the journey carried on, so one run names them all; `withAccessibilityFindings` fails at the end
 * with the lot (or adds them to whatever else failed first). axe not running still fails at once.
 */
export class AccessibilityFindings {
  readonly problems: string[] = [];

  /** `expectAccessible`, its problems noted instead of thrown. Gives back axe's results (null when there were problems). */
  async expect(page: Page, state: string): Promise<AxeResults | null> {
    try {
      return await expectAccessible(page, state);
    } catch (error) {
      if (!(error instanceof AccessibilityViolations)) throw error;
      this.problems.push(error.message);
      return null;
    }
  }

  /** As `expect`, and no `color-contrast` problem at all, whatever axe rates its impact (the call screen's controls and captions). */
  async expectWithContrast(page: Page, state: string): Promise<void> {
    const results = await this.expect(page, state);
    if (!results) return;
    const contrast = violationsOf(results, 'color-contrast');
    if (contrast.length > 0) this.problems.push(describeViolations(`${state}: colour contrast`, page.url(), contrast));
    // "Nothing found" counts only if the rule looked: the controls' text is on plain colours, so it passes there.
    if (!results.passes.some((rule) => rule.id === 'color-contrast')) this.problems.push(`${state}: axe checked no colour contrast at all`);
  }

  report(): string {
    return `${this.problems.length} state(s) with accessibility problems:\n\n${this.problems.join('\n\n')}`;
  }
}

/** Runs `journey` with a fresh `AccessibilityFindings`; fails afterwards with every problem it noted. */
export async function withAccessibilityFindings(journey: (findings: AccessibilityFindings) => Promise<void>): Promise<void> {
  const findings = new AccessibilityFindings();
  try {
    await journey(findings);
  } catch (error) {
    if (findings.problems.length === 0) throw error;
    throw new Error(`${(error as Error).message}\n\nBefore that, ${findings.report()}`, { cause: error });
  }
  if (findings.problems.length > 0) throw new Error(findings.report());
}
