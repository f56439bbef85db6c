import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * Every word a person reads comes from a message catalogue: this fails on text written into a page or
 * component (JSX text, a string in braces, a label attribute), naming the file, line and text.
 */
const WEB = join(__dirname, '..');
const SCANNED = ['app', 'components'];
// Attributes people read or hear; others (className, data-testid, href, type …) are code.
const READ_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'placeholder',
  'title',
  'alt',
  'label',
]);
const LETTER = /\p{L}/u;

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(path);
    return entry.name.endsWith('.tsx') ? [path] : [];
  });
}

/** Literal text in a JSX child position or a read attribute, with its line. */
function hardcodedText(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push(`${relative(WEB, path)}:${line}: ${text.trim().replace(/\s+/g, ' ')}`);
  };
  const isText = (node: ts.Node): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression =>
    ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node);
  const literalWords = (node: ts.Node): string | null => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return LETTER.test(node.text) ? node.text : null;
    if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
      return LETTER.test(parts) ? node.getText(source) : null;
    }
    if (ts.isConditionalExpression(node)) return literalWords(node.whenTrue) ?? literalWords(node.whenFalse);
    if (
      ts.isBinaryExpression(node) &&
      [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(
        node.operatorToken.kind,
      )
    ) {
      return (
        literalWords(node.right) ?? (node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ? null : literalWords(node.left))
      );
    }
    if (ts.isParenthesizedExpression(node)) return literalWords(node.expression);
    return null;
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && LETTER.test(node.text)) report(node, node.text);
    // A string in braces among a tag's children: {'Hello'}, {busy ? 'Saving…' : 'Save'}.
    if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      const text = literalWords(node.expression);
      if (text) report(node, text);
    }
    if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText(source)) && node.initializer) {
      const value = ts.isJsxExpression(node.initializer) && node.initializer.expression ? node.initializer.expression : node.initializer;
      const text = isText(value) || ts.isConditionalExpression(value) || ts.isBinaryExpression(value) ? literalWords(value) : null;
      if (text) report(node, `${node.name.getText(source)}="${text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('text people read in the web app', () => {
  it('comes from the message catalogues, never written into a page or component', () => {
    const files = SCANNED.flatMap((dir) => tsxFiles(join(WEB, dir)));
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap(hardcodedText)).toEqual([]);
  });
});
