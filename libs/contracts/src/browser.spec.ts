import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import * as browser from './browser';
import * as contracts from './index';

/** The modules `file` loads when it runs: its imports and re-exports, type-only ones left out. */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  return source.statements.flatMap((statement) => {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      const bindings = clause?.namedBindings;
      const typesOnly =
        clause?.isTypeOnly ||
        (clause && !clause.name && bindings && ts.isNamedImports(bindings) && bindings.elements.every((e) => e.isTypeOnly));
      return typesOnly ? [] : [statement.moduleSpecifier.text];
    }
    if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier))
      return statement.isTypeOnly ? [] : [statement.moduleSpecifier.text];
    return [];
  });
}

/** Every file browser.ts loads, with what each of them imports. */
function browserEntryGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const queue = [join(__dirname, 'browser.ts')];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (graph.has(file)) continue;
    const imports = runtimeImports(file);
    graph.set(file, imports);
    for (const specifier of imports.filter((s) => s.startsWith('.'))) {
      const next = join(dirname(file), `${specifier}.ts`);
      if (existsSync(next)) queue.push(next);
    }
  }
  return graph;
}

describe('the browser entry (@telehealth/contracts/browser)', () => {
  it('loads neither zod nor a schema, whatever it imports', () => {
    const offending = [...browserEntryGraph()].flatMap(([file, imports]) =>
      imports
        .filter((s) => s === 'zod' || s.startsWith('zod/') || s.includes('schemas'))
        .map((s) => `${relative(__dirname, file)} imports ${s}`),
    );
    expect(offending).toEqual([]);
  });

  it('is part of the full entry: the same values under the same names', () => {
    const names = Object.keys(browser);
    expect(names.length).toBeGreaterThan(40);
    for (const name of names) expect(contracts[name as keyof typeof contracts]).toBe(browser[name as keyof typeof browser]);
  });

  it('has no zod schema', () => {
    expect(Object.keys(browser).filter((name) => /^Z[A-Z].*Schema$/.test(name) || name === 'zText')).toEqual([]);
  });
});
