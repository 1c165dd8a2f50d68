import { useMemo, useState } from 'react';
import { compareVi, foldVietnamese, heatColour, HEAT_GREY, HEAT_LEGEND_STEPS, type CoverageMatrixCell, type CoverageMatrixDto, type TargetDto } from '@cchc/shared';
import { Pager } from '../../components/pager';
import { useMediaQuery } from '../../components/use-media-query';
import { useT } from '../../i18n/i18n';

const PAGE_SIZE = 20;
/** On a phone each unit is a card of bars: fewer per page. */
const PHONE_PAGE_SIZE = 8;

type SortKey = 'name' | number;
type Row = CoverageMatrixDto['rows'][number];

interface HeatmapProps {
  matrix: CoverageMatrixDto;
  onPick(targetId: string, unitId: string): void;
  onDrill(unitId: string): void;
  selected: string | null;
}

function cellKind(c: CoverageMatrixCell) {
  return !c.applies ? ('not_applicable' as const) : c.eligible === 0 ? ('no_eligible' as const) : ('value' as const);
}

/** "1439/QĐ-TTg (29/10/2018) · ≥ 100% · hạn 31/12/2025" — the column's tooltip. */
function useBasis() {
  const { formatDate, formatNumber } = useT();
  return (tg: TargetDto) =>
    `${tg.name}\n${tg.legalBasisNumber}${tg.legalBasisDate ? ` (${formatDate(tg.legalBasisDate)})` : ''} · ≥ ${formatNumber(tg.thresholdPct)}% · ${formatDate(tg.deadline)}`;
}

function CellText({ c }: { c: CoverageMatrixCell }) {
  const { t, formatNumber } = useT();
  const kind = cellKind(c);
  if (kind === 'not_applicable') return <span className="muted small">{t('coverage.notApplicableShort')}</span>;
  if (kind === 'no_eligible') return <span className="muted small">{t('coverage.noEligibleShort')}</span>;
  return <>{formatNumber(c.pct)}%</>;
}

export function HeatLegend() {
  const { t } = useT();
  return (
    <div className="heat-legend" data-testid="heat-legend" aria-label={t('coverage.legend')}>
      <span className="small">{t('coverage.legendScale')}</span>
      <span className="heat-legend-scale">
        {HEAT_LEGEND_STEPS.map((r) => (
          <span key={r} className="heat-legend-step" style={{ background: heatColour('value', r * 100, 100) }}>{r === 1 ? t('coverage.legendMet') : `${r * 100}%`}</span>
        ))}
      </span>
      <span className="heat-legend-item"><span className="heat-swatch" style={{ background: HEAT_GREY }} /> {t('coverage.notApplicable')}</span>
      <span className="heat-legend-item"><span className="heat-swatch heat-swatch-plain" /> {t('coverage.noEligible')}</span>
    </div>
  );
}

/**
 * Targets × units. Columns are the targets' short names (legal basis in the tooltip), cells are coloured on one scale
 * relative to each target's threshold; a unit the target does not apply to is grey. The unit column and the header row
 * stay in view while scrolling; units are paged and can be filtered by name. At phone width (≤ 480 px) the table
 * becomes a list per unit with one bar per target.
 */
export function Heatmap({ matrix, onPick, onDrill, selected }: HeatmapProps) {
  const { t, formatNumber } = useT();
  const basis = useBasis();
  const phone = useMediaQuery('(max-width: 480px)');
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'name', desc: false });
  const [filter, setFilter] = useState('');
  const [page, setPage] = useState(1);
  const [own, ...children] = matrix.rows;
  const rows = useMemo(() => {
    const q = foldVietnamese(filter);
    const sorted = children.filter((r) => !q || foldVietnamese(r.unitName).includes(q));
    sorted.sort((a, b) => {
      const d = sort.key === 'name' ? compareVi(a.unitName, b.unitName) : valueOf(a, sort.key) - valueOf(b, sort.key);
      return sort.desc ? -d : d;
    });
    return sorted;
  }, [children, sort, filter]);
  const size = phone ? PHONE_PAGE_SIZE : PAGE_SIZE;
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const shown = rows.slice((Math.min(page, pages) - 1) * size, Math.min(page, pages) * size);
  const onSort = (key: SortKey) => setSort((s) => ({ key, desc: s.key === key ? !s.desc : key !== 'name' }));
  const arrow = (key: SortKey) => (sort.key === key ? (sort.desc ? ' ▼' : ' ▲') : '');
  const yearLabel = (c: CoverageMatrixCell) => (matrix.year === null ? ` · ${c.year}` : '');

  const toolbar = (
    <div className="toolbar">
      <div className="field">
        <label htmlFor="heat-filter">{t('coverage.filterUnits')}</label>
        <input id="heat-filter" type="search" value={filter} onChange={(e) => { setFilter(e.target.value); setPage(1); }} data-testid="heat-filter" />
      </div>
      <span className="muted small" data-testid="heat-total">{t('coverage.unitsCount', { count: formatNumber(rows.length) })}</span>
    </div>
  );
  const pager = rows.length > size && <Pager page={Math.min(page, pages)} pageSize={size} total={rows.length} onPage={setPage} />;

  if (phone) {
    const unitCard = (r: Row, total: boolean) => (
      <li key={r.unitId} className={`heat-card${total ? ' is-total' : ''}`} data-testid="heat-card">
        {total ? <strong>{r.unitName}</strong> : <button type="button" className="link-button" onClick={() => onDrill(r.unitId)}>{r.unitName}</button>}
        <ul className="heat-bars">
          {r.cells.map((c, ci) => {
            const tg = matrix.targets[ci];
            const kind = cellKind(c);
            return (
              <li key={c.targetId}>
                <button type="button" className="heat-bar-row" onClick={() => onPick(c.targetId, r.unitId)} title={basis(tg)} data-testid={`heat-${tg.code}`}>
                  <span className="heat-bar-label">{tg.shortName}{yearLabel(c)}</span>
                  <span className="heat-bar" style={{ background: kind === 'value' ? undefined : heatColour(kind) }}>
                    {kind === 'value' && <span className="heat-bar-fill" style={{ width: `${Math.min(100, c.pct)}%`, background: heatColour(kind, c.pct, tg.thresholdPct) }} />}
                    {kind === 'value' && <span className="pct-threshold" style={{ left: `${tg.thresholdPct}%` }} />}
                  </span>
                  <span className="heat-bar-value"><CellText c={c} /></span>
                </button>
              </li>
            );
          })}
        </ul>
      </li>
    );
    return (
      <div data-testid="coverage-heatmap" className="heat-list-wrap">
        <HeatLegend />
        {toolbar}
        <ul className="heat-list">
          {own && unitCard(own, true)}
          {shown.map((r) => unitCard(r, false))}
        </ul>
        {pager}
      </div>
    );
  }

  return (
    <>
      <HeatLegend />
      {toolbar}
      <div className="table-wrap heatmap-wrap">
        <table className="table heatmap" data-testid="coverage-heatmap">
          <thead>
            <tr>
              <th scope="col" className="heat-unit-col">
                <button type="button" className="link-button" onClick={() => onSort('name')}>{t('coverage.unit')}{arrow('name')}</button>
              </th>
              {matrix.targets.map((tg, i) => (
                <th key={tg.id} scope="col" title={basis(tg)} className={selected === tg.id ? 'is-selected' : undefined}>
                  <button type="button" className="link-button" onClick={() => onSort(i)} data-testid={`sort-${tg.code}`}>
                    {tg.shortName}{arrow(i)}
                  </button>
                  <div className="small muted">{tg.legalBasisNumber} · ≥ {formatNumber(tg.thresholdPct)}%</div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...(own ? [own] : []), ...shown].map((r, ri) => (
              <tr key={r.unitId} className={ri === 0 && own ? 'is-total' : undefined}>
                <th scope="row" className="heat-unit-col">
                  {ri === 0 && own ? <strong>{r.unitName}</strong> : (
                    <button type="button" className="link-button" onClick={() => onDrill(r.unitId)} data-testid="drill-unit">{r.unitName}</button>
                  )}
                </th>
                {r.cells.map((c, ci) => {
                  const tg = matrix.targets[ci];
                  const kind = cellKind(c);
                  return (
                    <td key={c.targetId} className={`heat heat-${kind}`} style={{ background: heatColour(kind, c.pct, tg.thresholdPct) }}>
                      <button
                        type="button"
                        className="heat-button"
                        onClick={() => onPick(c.targetId, r.unitId)}
                        data-testid={`heat-${tg.code}`}
                        title={kind === 'not_applicable' ? t('coverage.notApplicable') : `${tg.shortName}${yearLabel(c)}: ${formatNumber(c.covered)}/${formatNumber(c.eligible)}`}
                      >
                        <CellText c={c} />
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pager}
    </>
  );
}

/** Not-applicable cells sort below every value; no-eligible ones just above them. */
function valueOf(r: Row, i: number): number {
  const c = r.cells[i];
  if (!c?.applies) return -2;
  if (c.eligible === 0) return -1;
  return c.pct;
}
