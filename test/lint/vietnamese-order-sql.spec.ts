import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Every ORDER BY on a human name or title goes through `viOrder` / `viNameOrder` (apps/api/src/common/database), so
 * lists read in Vietnamese dictionary order (issue #12). This finds ORDER BY clauses and query-builder orderings in the
 * API that sort a name, title or full name column without them. The demo seed is left out: it orders to pick rows,
 * not to show them.
 */
const API = path.resolve(__dirname, '../../apps/api/src');
const NAME_COLUMN = /(?:^|[\s,('])(?:[a-z_]+\.)?"?(?:name|title|full_name|fullName|unit_name|unitName|display_name)"?(?![\w.(])(?!\s+COLLATE)/;

/** The name columns an ordering sorts by without the helpers ('' when it has none). */
export function unsortedNames(ordering: string): string {
  const rest = ordering.replace(/\$\{vi(?:Name)?Order\([^)]*\)\}/g, '').replace(/vi(?:Name)?Order\('[^']*'/g, '');
  return NAME_COLUMN.exec(rest)?.[0].trim() ?? '';
}

function orderings(source: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  const lineOf = (i: number) => source.slice(0, i).split('\n').length;
  // SQL: from ORDER BY to the end of the clause (LIMIT, OFFSET, FOR, a closing quote or parenthesis of the query).
  for (const m of source.matchAll(/ORDER BY([\s\S]*?)(?=LIMIT|OFFSET|FOR UPDATE|`|\)\s*(?:AS|FROM|,|\)|$)|$)/g)) out.push({ line: lineOf(m.index!), text: m[1] });
  // TypeORM: .orderBy('x.name') / .addOrderBy(...), and find options { order: { name: 'ASC' } }.
  for (const m of source.matchAll(/\.(?:add)?[oO]rderBy\(([^)]*\)?)\)/g)) out.push({ line: lineOf(m.index!), text: m[1] });
  for (const m of source.matchAll(/order: \{([^}]*)\}/g)) out.push({ line: lineOf(m.index!), text: m[1].replace(/\s*:\s*'(?:ASC|DESC)'/g, '') });
  return out;
}

describe('Vietnamese order in the API\'s SQL', () => {
  it('tells a bare name column from one sorted through the helpers', () => {
    expect(unsortedNames(' u.name, p.staff_code')).toBe('u.name');
    expect(unsortedNames("'c.title', 'ASC'")).toBe("'c.title");
    expect(unsortedNames(' r.score ASC, p.full_name ASC')).toBe('p.full_name');
    expect(unsortedNames(" ${viOrder('u.name')}, ${viNameOrder('p.full_name')}, p.staff_code")).toBe('');
    expect(unsortedNames(" viOrder('c.title'), 'ASC'")).toBe('');
    expect(unsortedNames(' u.name COLLATE vi_icu')).toBe('');
    expect(unsortedNames(' t.sort_order, t.code, tr.finished_at DESC, u.path')).toBe('');
  });

  it('sorts every name and title through viOrder / viNameOrder', () => {
    const files = readdirSync(API, { recursive: true, encoding: 'utf8' }).filter((f) => /\.ts$/.test(f) && !/\.spec\.ts$|demo|seed|common\/database/.test(f));
    expect(files.length).toBeGreaterThan(150);
    const found: string[] = [];
    for (const f of files) {
      for (const o of orderings(readFileSync(path.join(API, f), 'utf8'))) {
        const bare = unsortedNames(o.text);
        if (bare) found.push(`${f}:${o.line}: ${bare}`);
      }
    }
    expect(found).toEqual([]);
  });
});
