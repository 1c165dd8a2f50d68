import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { vi } from '../../apps/web/src/i18n/vi';

/**
 * One wording in Vietnamese (issue #12): a file is "tệp", never "file". This reads every Vietnamese text the platform
 * shows — the web's message catalogue, and every Vietnamese string literal in the API (error messages, PDFs,
 * workbooks, e-mails), the web and libs/shared — and fails on the English word. English texts keep "file".
 */
const ROOT = path.resolve(__dirname, '../..');
const SOURCES = ['apps/api/src', 'apps/web/src', 'libs/shared/src'];
const VIETNAMESE_LETTER = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

/** The English word, not technical tokens: "file://" URLs, ".file" extensions, identifiers like "fileName", XML tags like <file href>. */
export function saysFile(text: string): boolean {
  return /(?<![.\w/{<-])files?(?![\w:/.}-])/i.test(text);
}

interface Found {
  where: string;
  text: string;
}

/** Texts of string literals and template pieces (not the code inside `${…}`), with where they are. */
function vietnameseStrings(file: string): Found[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: Found[] = [];
  const add = (node: ts.Node, text: string, isVi: boolean) => {
    if (!isVi && !VIETNAMESE_LETTER.test(text)) return;
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    out.push({ where: `${path.relative(ROOT, file)}:${line + 1}`, text });
  };
  // `{ vi: '…', en: '…' }` labels: the vi side is Vietnamese even without a diacritic.
  const isViLabel = (node: ts.Node) => ts.isPropertyAssignment(node.parent) && node.parent.initializer === node && node.parent.name.getText(source) === 'vi';
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) add(node, node.text, isViLabel(node));
    else if (ts.isTemplateExpression(node)) {
      const vi = VIETNAMESE_LETTER.test(node.getText(source)) || isViLabel(node);
      add(node.head, node.head.text, vi);
      for (const span of node.templateSpans) add(span.literal, span.literal.text, vi);
    } else if (ts.isJsxText(node)) add(node, node.text, false);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function sourceFiles(): string[] {
  return SOURCES.flatMap((dir) =>
    readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f) && !/\.(spec|d)\.tsx?$/.test(f) && !f.includes('node_modules'))
      .map((f) => path.join(ROOT, dir, f)),
  );
}

describe('Vietnamese wording', () => {
  it('tells the English word from technical tokens', () => {
    expect(saysFile('Tải file mẫu')).toBe(true);
    expect(saysFile('File danh sách')).toBe(true);
    expect(saysFile('Chọn tệp (.xlsx).')).toBe(false);
    expect(saysFile('file:///tmp/a.pdf')).toBe(false);
    expect(saysFile('<file href="index.html"/>')).toBe(false);
    expect(saysFile('fileName')).toBe(false);
    expect(saysFile('profile')).toBe(false);
    expect(saysFile('Đã nhập tệp “{file}”')).toBe(false);
  });

  it('says "tệp" in the web catalogue', () => {
    const offending = Object.entries(vi).filter(([, text]) => saysFile(text));
    expect(offending).toEqual([]);
  });

  it('says "tệp" in every Vietnamese text of the API, the web and libs/shared', () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(300);
    const strings = files.flatMap(vietnameseStrings);
    // The scan really reads the texts users see: the catalogue, error messages, the report.
    expect(strings.some((s) => s.text.includes('Tệp quá lớn'))).toBe(true);
    expect(strings.filter((s) => saysFile(s.text)).map((s) => `${s.where}: ${s.text}`)).toEqual([]);
  });
});
