import { FlowItem, FlowPage, layoutFlow } from './flow-layout';

const opts = { top: 40, bottom: 540 }; // 500 points of content per page

/** What a reader of the printed pages sees: for each page, the kinds of things on it in order. */
function kinds(pages: FlowPage[]) {
  return pages.map((p) => p.placements.map((x) => (x.kind === 'row' ? `r${x.row}` : x.kind === 'header' ? (x.repeated ? 'H*' : 'H') : `b${x.item}`)));
}

function assertSoundTables(pages: FlowPage[], items: FlowItem[]) {
  for (const p of pages) {
    // Nothing crosses the bottom margin.
    for (const pl of p.placements) {
      const it = items[pl.item];
      const h = pl.kind === 'block' ? (it as { height: number }).height : pl.kind === 'header' ? (it as { headerHeight: number }).headerHeight : (it as { rowHeights: number[] }).rowHeights[pl.row];
      expect(pl.y + h).toBeLessThanOrEqual(opts.bottom + 1e-6);
    }
    // Every header on a page is followed by at least one row of the same table on that page.
    p.placements.forEach((pl, i) => {
      if (pl.kind !== 'header') return;
      const next = p.placements[i + 1];
      expect(next).toMatchObject({ kind: 'row', item: pl.item });
    });
  }
}

describe('layoutFlow', () => {
  it('a table taller than a page repeats its header on every page it continues on and leaves no header-only page', () => {
    const items: FlowItem[] = [{ kind: 'table', headerHeight: 30, rowHeights: Array(60).fill(20) }];
    const pages = layoutFlow(items, opts);
    expect(pages.length).toBe(3); // 23 + 23 + 14 rows
    expect(kinds(pages).map((k) => k[0])).toEqual(['H', 'H*', 'H*']);
    const rows = pages.flatMap((p) => p.placements.filter((x) => x.kind === 'row').map((x) => (x as { row: number }).row));
    expect(rows).toEqual([...Array(60).keys()]); // every row exactly once, in order
    assertSoundTables(pages, items);
  });

  it('a header that would end a page moves to the next page together with its first row', () => {
    const items: FlowItem[] = [
      { kind: 'block', height: 470 },
      { kind: 'table', headerHeight: 25, rowHeights: [20, 20] },
    ];
    const pages = layoutFlow(items, opts);
    expect(kinds(pages)).toEqual([['b0'], ['H', 'r0', 'r1']]);
    assertSoundTables(pages, items);
  });

  it('a section title stays with the start of its table', () => {
    const items: FlowItem[] = [
      { kind: 'block', height: 440 },
      { kind: 'block', height: 30, keepWithNext: true },
      { kind: 'table', headerHeight: 25, rowHeights: [20] },
    ];
    expect(kinds(layoutFlow(items, opts))).toEqual([['b0'], ['b1', 'H', 'r0']]);
  });

  it('a long cell makes a tall row that moves whole to the next page instead of being cut', () => {
    const items: FlowItem[] = [{ kind: 'table', headerHeight: 30, rowHeights: [...Array(20).fill(20), 120, 20] }];
    const pages = layoutFlow(items, opts);
    // 30 + 20×20 = 430; the 120-point row does not fit in the 70 left: it starts page 2 after the repeated header.
    expect(kinds(pages)[1].slice(0, 2)).toEqual(['H*', 'r20']);
    const tall = pages[1].placements.find((x) => x.kind === 'row' && x.row === 20)!;
    expect(tall.y).toBe(opts.top + 30);
    assertSoundTables(pages, items);
  });

  it('the last row (the total) is not left alone on a continuation page: the row before it moves along', () => {
    // 30 + 23 × 20 = 490: rows 0–22 fill page 1 exactly; with 24 rows the total alone would start page 2.
    const items: FlowItem[] = [{ kind: 'table', headerHeight: 30, rowHeights: Array(24).fill(20) }];
    const pages = layoutFlow(items, opts);
    expect(kinds(pages)[1]).toEqual(['H*', 'r22', 'r23']);
    assertSoundTables(pages, items);
  });

  it('the first page starts below the letterhead; gaps are dropped at the top of a page', () => {
    const items: FlowItem[] = [
      { kind: 'block', height: 100 },
      { kind: 'block', height: 250, gapBefore: 10 },
      { kind: 'block', height: 50, gapBefore: 10 },
    ];
    const pages = layoutFlow(items, { ...opts, firstPageStart: 200 });
    expect(pages[0].placements[0].y).toBe(200);
    expect(kinds(pages)).toEqual([['b0'], ['b1', 'b2']]);
    expect(pages[1].placements[0].y).toBe(opts.top);
    expect(pages[1].placements[1].y).toBe(opts.top + 250 + 10);
  });

  it('many tables of random sizes: never a header without a row below it, never a row across the margin', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let run = 0; run < 50; run++) {
      const items: FlowItem[] = [];
      for (let i = 0; i < 6; i++) {
        items.push({ kind: 'block', height: 10 + Math.floor(rnd() * 60), keepWithNext: true, gapBefore: 8 });
        items.push({ kind: 'table', headerHeight: 20 + Math.floor(rnd() * 30), rowHeights: Array.from({ length: 1 + Math.floor(rnd() * 40) }, () => 12 + Math.floor(rnd() * 80)) });
      }
      const pages = layoutFlow(items, opts);
      assertSoundTables(pages, items);
      for (const p of pages) expect(p.placements.some((x) => x.kind !== 'header')).toBe(true);
    }
  });
});
