import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import * as browserContracts from '../../../libs/contracts/src/browser';

/**
 * In the browser, `@telehealth/contracts` is its zod-free entry (next.config.mjs aliases it to
 * `@telehealth/contracts/browser`, libs/contracts/src/browser.ts): a value that only the full
 * entry has (a zod schema) would be undefined there, with no error at build time. So this walks
 * everything the browser loads (every 'use client' module of the web app, what it imports, the
 * call engine) and fails on a value imported from the contracts that the browser entry lacks, or
 * on zod imported at all: validation with schemas happens on the server.
 */
const ROOT = join(__dirname, '../../..');
const WEB = join(ROOT, 'apps/web');
const PACKAGES: Record<string, string> = {
  '@telehealth/call-engine': join(ROOT, 'libs/call-engine/src/index.ts'),
};
// The web app's own `#…` imports (package.json `imports`), as the browser resolves them.
const SUBPATH_IMPORTS = (
  JSON.parse(readFileSync(join(WEB, 'package.json'), 'utf8')) as { imports?: Record<string, { browser?: string; default: string }> }
).imports;
const CONTRACTS = '@telehealth/contracts';
const BROWSER_ENTRY = new Set(Object.keys(browserContracts));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name.startsWith('.') ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The file an import names, for the web app's own modules and the workspace libraries; null for a package. */
function resolveImport(from: string, specifier: string): string | null {
  const subpath = SUBPATH_IMPORTS?.[specifier];
  const base = subpath
    ? join(WEB, subpath.browser ?? subpath.default)
    : specifier.startsWith('@/')
      ? join(WEB, specifier.slice(2))
      : specifier.startsWith('.')
        ? join(dirname(from), specifier)
        : (PACKAGES[specifier] ?? null);
  if (base === null) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')])
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return null;
}

interface ModuleImports {
  /** Modules it imports or loads later (import(), export … from), with type-only imports left out. */
  specifiers: string[];
  /** Of those, the ones loaded with it (not by import()). */
  eager: string[];
  /** Values it takes from the contracts, by name (`*` for a namespace import). */
  contractValues: string[];
}

function importsOf(path: string): ModuleImports {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: ModuleImports = { specifiers: [], eager: [], contractValues: [] };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && !node.importClause?.isTypeOnly) {
      const specifier = node.moduleSpecifier.text;
      const bindings = node.importClause?.namedBindings;
      const named = bindings && ts.isNamedImports(bindings) ? bindings.elements.filter((e) => !e.isTypeOnly) : [];
      const values = [
        ...(node.importClause?.name ? ['default'] : []),
        ...(bindings && ts.isNamespaceImport(bindings) ? ['*'] : []),
        ...named.map((e) => (e.propertyName ?? e.name).text),
      ];
      // `import { type A } from 'x'` loads nothing; `import 'x'` does.
      if (values.length > 0 || !node.importClause) {
        found.specifiers.push(specifier);
        found.eager.push(specifier);
      }
      if (specifier === CONTRACTS) found.contractValues.push(...values);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && !node.isTypeOnly) {
      found.specifiers.push(node.moduleSpecifier.text);
      found.eager.push(node.moduleSpecifier.text);
      if (node.moduleSpecifier.text === CONTRACTS) {
        const clause = node.exportClause;
        found.contractValues.push(
          ...(clause && ts.isNamedExports(clause)
            ? clause.elements.filter((e) => !e.isTypeOnly).map((e) => (e.propertyName ?? e.name).text)
            : ['*']),
        );
      }
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const isClientModule = (path: string) => /^\s*(['"])use client\1/.test(readFileSync(path, 'utf8'));

/** The modules `roots` load, following every import, or with `eagerOnly` those loaded with them (no import()). */
function reachableModules(roots: string[], eagerOnly = false): Map<string, ModuleImports> {
  const seen = new Map<string, ModuleImports>();
  const queue = [...roots];
  while (queue.length > 0) {
    const path = queue.pop()!;
    if (seen.has(path)) continue;
    const imports = importsOf(path);
    seen.set(path, imports);
    for (const specifier of eagerOnly ? imports.eager : imports.specifiers) {
      const next = resolveImport(path, specifier);
      if (next) queue.push(next);
    }
  }
  return seen;
}

/** Every module the browser loads, from the 'use client' modules (and instrumentation-client.ts, when there is one). */
function browserModules(): Map<string, ModuleImports> {
  const roots = sourceFiles(WEB).filter(isClientModule);
  const instrumentation = resolveImport(join(WEB, 'app'), '@/instrumentation-client');
  if (instrumentation) roots.push(instrumentation);
  return reachableModules(roots);
}

describe('what the browser takes from the contracts', () => {
  const modules = browserModules();
  const where = (path: string) => relative(ROOT, path);

  it('walks the client modules, the call engine included', () => {
    expect(modules.size).toBeGreaterThan(50);
    expect([...modules.keys()].map(where)).toEqual(
      expect.arrayContaining([
        'apps/web/components/visit/VisitRoom.tsx',
        'apps/web/lib/common-catalogues.browser.ts',
        'libs/call-engine/src/call-engine.ts',
      ]),
    );
  });

  it('imports from @telehealth/contracts only values its browser entry has (no zod schema)', () => {
    const missing = [...modules].flatMap(([path, { contractValues }]) =>
      contractValues.filter((name) => !BROWSER_ENTRY.has(name)).map((name) => `${where(path)}: ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it('never imports zod', () => {
    const withZod = [...modules].filter(([, { specifiers }]) => specifiers.some((s) => s === 'zod' || s.startsWith('zod/')));
    expect(withZod.map(([path]) => where(path))).toEqual([]);
  });
});

/**
 * What every visit page fetches: the page (its shell and the device check) and the call's code it asks
 * for during the device check (components/visit/call-code.ts). A patient's or a guest's page never gets
 * react-query (the dashboards' cache) nor the doctor's parts of the call: those come by import() on the
 * doctor's page only (BENCHMARKS.md, "Page weight").
 */
describe("what a patient's visit page loads", () => {
  const where = (path: string) => relative(ROOT, path);
  const loaded = reachableModules(
    ['components/common/AppShell.tsx', 'components/visit/VisitRoom.tsx', 'components/visit/call-code.ts'].map((file) => join(WEB, file)),
    true,
  );

  it('holds the device check and the call screen', () => {
    expect([...loaded.keys()].map(where)).toEqual(
      expect.arrayContaining(['apps/web/components/visit/DeviceCheck.tsx', 'apps/web/components/visit/CallScreen.tsx']),
    );
  });

  it('never imports react-query', () => {
    const withQuery = [...loaded].filter(([, { eager }]) => eager.some((s) => s.startsWith('@tanstack/')));
    expect(withQuery.map(([path]) => where(path))).toEqual([]);
  });

  // Its code and helpers are about 2.5 KB compressed; components/common/AppLink.tsx is the app's link.
  it('never imports next/link', () => {
    const withLink = [...loaded].filter(([, { eager }]) => eager.includes('next/link'));
    expect(withLink.map(([path]) => where(path))).toEqual([]);
  });

  // (The plain-WebSocket client is left out by the bundler's tree shaking, which this walk cannot see: bench/page-weight.mjs.)
  it("leaves out the doctor's parts of the call and the on-demand panels", () => {
    const lazyOnly = [
      'apps/web/components/visit/doctor-call-code.ts',
      'apps/web/components/visit/EndVisitDialog.tsx',
      'apps/web/components/visit/LobbyPrompt.tsx',
      'apps/web/components/guests/VisitGuests.tsx',
      'apps/web/components/visit/call-panels-code.ts',
    ];
    expect([...loaded.keys()].map(where).filter((path) => lazyOnly.includes(path))).toEqual([]);
  });
});
