/**
 * Page flow for printed documents: blocks of text and tables whose heights were measured beforehand, placed onto
 * pages. Pure (no PDF library): the PDF writer measures with the real fonts, asks for a layout, then draws it.
 *
 * Rules a signed report needs:
 * - a table's header is never alone at the bottom of a page: it is placed only together with its first row;
 * - when a table continues on a new page, its header rows are repeated at the top of that page;
 * - the last row (a table's total) never stands alone at the top of a continuation page;
 * - a row is never cut across pages (a row taller than a whole page is the only exception: it is placed at the top
 *   of a page of its own, after the repeated header, and the writer clips it);
 * - a block marked `keepWithNext` (a section title) moves to the next page with the start of what follows it;
 * - a block marked `keepTogether` (the signature) is never split, and no block starts a page it cannot fit on.
 */

export type FlowItem =
  | { kind: 'block'; height: number; keepWithNext?: boolean; gapBefore?: number }
  | { kind: 'table'; headerHeight: number; rowHeights: number[]; gapBefore?: number };

export type Placement =
  | { kind: 'block'; item: number; y: number }
  | { kind: 'header'; item: number; y: number; repeated: boolean }
  | { kind: 'row'; item: number; row: number; y: number };

export interface FlowPage {
  placements: Placement[];
}

export interface FlowOptions {
  /** y of the top of the content area on every page. */
  top: number;
  /** y of the bottom of the content area. */
  bottom: number;
  /** Where the content starts on the first page (below a letterhead drawn outside the flow). */
  firstPageStart?: number;
}

/** The height the start of an item needs on the page it starts on. */
function startHeight(item: FlowItem): number {
  if (item.kind === 'block') return item.height;
  return item.headerHeight + (item.rowHeights[0] ?? 0);
}

export function layoutFlow(items: FlowItem[], opts: FlowOptions): FlowPage[] {
  const pages: FlowPage[] = [{ placements: [] }];
  let y = opts.firstPageStart ?? opts.top;
  const page = () => pages[pages.length - 1];
  const fits = (h: number) => y + h <= opts.bottom + 1e-6;
  const pageIsEmpty = () => page().placements.length === 0 && y === (pages.length === 1 ? (opts.firstPageStart ?? opts.top) : opts.top);
  const newPage = () => {
    pages.push({ placements: [] });
    y = opts.top;
  };

  items.forEach((item, index) => {
    const gap = pageIsEmpty() ? 0 : (item.gapBefore ?? 0);
    // Everything that must travel together with the start of this item.
    let need = gap + startHeight(item);
    if (item.kind === 'block' && item.keepWithNext) {
      let j = index;
      while (items[j]?.kind === 'block' && (items[j] as { keepWithNext?: boolean }).keepWithNext && items[j + 1]) {
        need += (items[j + 1].gapBefore ?? 0) + startHeight(items[j + 1]);
        j += 1;
      }
    }
    if (!fits(need) && !pageIsEmpty()) newPage();
    else y += gap;

    if (item.kind === 'block') {
      page().placements.push({ kind: 'block', item: index, y });
      y += item.height;
      return;
    }
    page().placements.push({ kind: 'header', item: index, y, repeated: false });
    y += item.headerHeight;
    const last = item.rowHeights.length - 1;
    item.rowHeights.forEach((h, row) => {
      // The last row (the total) never stands alone on a continuation page: the row before it goes along.
      const orphan = row === last - 1 && row > 0 && fits(h) && !fits(h + item.rowHeights[last]);
      if (!fits(h) || orphan) {
        newPage();
        page().placements.push({ kind: 'header', item: index, y, repeated: true });
        y += item.headerHeight;
      }
      page().placements.push({ kind: 'row', item: index, row, y });
      y += h;
    });
  });
  return pages;
}
