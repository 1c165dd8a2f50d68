import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Numbers on screen go through the page's formatter (`formatNumber` from useT(), or `formatNumberVi`): a decimal comma
 * and a thousands dot in Vietnamese. `toFixed` and an English locale write "2.5" on a Vietnamese page (issue #12).
 */
const WEB = path.resolve(__dirname, '../../apps/web/src');
const FORBIDDEN: [RegExp, string][] = [
  [/\.toFixed\(/, 'toFixed writes a decimal point: use formatNumber'],
  [/toLocale(?:String|DateString|TimeString)\(\s*['"]en/, 'an English locale on a Vietnamese page: use formatNumber / formatDate'],
  [/\.localeCompare\(/, 'sort with compareVi from libs/shared (Vietnamese dictionary order)'],
];

describe('Vietnamese formats in the web client', () => {
  it('formats numbers and sorts names through the shared helpers', () => {
    const files = readdirSync(WEB, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f) && !/\.spec\.tsx?$/.test(f));
    expect(files.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const f of files) {
      readFileSync(path.join(WEB, f), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const [re, why] of FORBIDDEN) if (re.test(line)) found.push(`${f}:${i + 1}: ${why}`);
        });
    }
    expect(found).toEqual([]);
  });
});
