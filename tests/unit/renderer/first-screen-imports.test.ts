import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const ENTRY = path.join(ROOT, 'renderer/src/main.tsx');

/** The modules a file loads when it runs: static imports and re-exports that bring values (type-only ones are erased). */
function valueImports(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      const named = clause?.namedBindings;
      const onlyTypes = clause !== undefined && clause.name === undefined && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
      if (!onlyTypes) out.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      const named = statement.exportClause;
      if (named && ts.isNamedExports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly)) continue;
      out.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return out;
}

function resolveLocal(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (/\.tsx?$/.test(candidate) && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Every module the first screen's bundle is made of (dynamic `import()`s are other chunks), and the packages each one loads. */
function firstScreenGraph(): { files: Map<string, string | null>; packages: Map<string, string[]> } {
  const files = new Map<string, string | null>();
  const packages = new Map<string, string[]>();
  const stack: [string, string | null][] = [[ENTRY, null]];
  while (stack.length > 0) {
    const [file, by] = stack.pop()!;
    if (files.has(file)) continue;
    files.set(file, by);
    for (const spec of valueImports(file)) {
      const local = resolveLocal(file, spec);
      if (local) stack.push([local, file]);
      else if (!spec.startsWith('.')) packages.set(spec, [...(packages.get(spec) ?? []), path.relative(ROOT, file)]);
    }
  }
  return { files, packages };
}

describe('the first screen', () => {
  const graph = firstScreenGraph();

  it('carries no zod: the contract schemas are the host’s, the renderer names its lists from zod-free modules', () => {
    const chain = (file: string): string => {
      const parts: string[] = [];
      for (let f: string | null | undefined = file; f; f = graph.files.get(f)) parts.push(path.relative(ROOT, f));
      return parts.join(' <- ');
    };
    const users = (graph.packages.get('zod') ?? []).map((f) => chain(path.join(ROOT, f)));
    expect(users).toEqual([]);
  });

  it('carries neither the touch keyboard, the QR encoder, the pinyin tables nor the staff screens (each its own chunk)', () => {
    const loaded = [...graph.packages.keys()];
    for (const lazy of ['react-simple-keyboard', 'simple-keyboard', 'qrcode', 'simple-ime', 'opencc-js']) expect(loaded.filter((p) => p.startsWith(lazy))).toEqual([]);
    const staff = [...graph.files.keys()].map((f) => path.relative(ROOT, f)).filter((f) => f.startsWith('renderer/src/staff/') && !f.endsWith('StaffCorner.tsx'));
    expect(staff).toEqual([]);
  });

  it('is found by following the real entry (the check above is not vacuous)', () => {
    const rel = [...graph.files.keys()].map((f) => path.relative(ROOT, f));
    expect(rel).toContain('renderer/src/App.tsx');
    expect(rel).toContain('renderer/src/screens/Welcome.tsx');
    expect(rel).toContain('shared/contract/langs.ts');
    expect([...graph.packages.keys()]).toContain('react-dom/client');
  });
});
