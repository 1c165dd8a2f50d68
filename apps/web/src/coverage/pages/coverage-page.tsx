import { useEffect, useRef, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router-dom';
import { COVERAGE_STATUS_LABELS, type CoverageStatus, type CoverageSummaryDto, type LowScorerSort, type ScoreRowDto } from '@cchc/shared';
import { ErrorMessage, Loading } from '../../components/error-message';
import { LowScorerSortSelect } from '../../components/low-scorer-sort-select';
import { useMediaQuery } from '../../components/use-media-query';
import { Pager } from '../../components/pager';
import { useT } from '../../i18n/i18n';
import { Heatmap } from '../components/heatmap';
import { useCoverageMatrix, useCoverageSummary, useExportMissing, useExportScoreList, useMissing, useScoreList } from '../use-coverage';
import '../../i18n/messages/coverage-forms'; // the "computing coverage" notice (loaded with this page)

const PAGE_SIZE = 20;

export function StatusBadge({ status }: { status: CoverageStatus }) {
  const { label } = useT();
  return <span className={`badge status-${status}`} data-testid="coverage-status">{label(COVERAGE_STATUS_LABELS[status])}</span>;
}

/** A horizontal bar with the threshold marked: plain CSS, readable on a phone. */
export function PctBar({ pct, threshold, status }: { pct: number; threshold: number; status: CoverageStatus }) {
  const { formatNumber } = useT();
  return (
    <span className="pct-bar" role="img" aria-label={`${formatNumber(pct)}% / ${formatNumber(threshold)}%`}>
      <span className={`pct-fill status-${status}`} style={{ width: `${Math.min(100, pct)}%` }} />
      <span className="pct-threshold" style={{ left: `${threshold}%` }} />
    </span>
  );
}

function SummaryView({ s, onDrill }: { s: CoverageSummaryDto; onDrill(unitId: string): void }) {
  const { t, formatNumber, formatDate, label } = useT();
  const unitWord = s.counts === 'units' ? t('coverage.units') : t('coverage.people');
  return (
    <>
      <p className="muted">
        {t('coverage.basis', { basis: s.target.legalBasisNumber, topic: s.target.topicName, deadline: formatDate(s.target.deadline) })}
      </p>
      {s.target.coverageBuild && (
        <p className="alert alert-warning" role="status" data-testid="coverage-building">
          <strong>{t('tf.building', { pct: s.target.coverageBuild.pct })}</strong>{' '}
          {t('tf.buildingNote', { done: s.target.coverageBuild.done, total: s.target.coverageBuild.total })}
        </p>
      )}
      <div className="figure-row">
        <div className="figure" data-testid="coverage-figure">
          <strong>{formatNumber(s.covered)}/{formatNumber(s.eligible)}</strong> {unitWord}
          <div className="figure-pct">{formatNumber(s.pct)}%</div>
        </div>
        <div className="grow">
          <PctBar pct={s.pct} threshold={s.target.thresholdPct} status={s.status} />
          <p>
            <StatusBadge status={s.status} /> {t('coverage.threshold', { pct: s.target.thresholdPct, year: s.year })}
            {s.phase && ` · ${s.phase.name}`}
          </p>
        </div>
      </div>
      <details className="collapsible" open={s.children.length <= 12} data-testid="coverage-children-section">
      <summary><h3>{t('coverage.byUnit')} ({formatNumber(s.children.length)})</h3></summary>
      <ul className="bar-list" data-testid="coverage-children">
        {s.children.map((c) => (
          <li key={c.unitId}>
            <button type="button" className="link-button" onClick={() => onDrill(c.unitId)}>{c.unitName}</button>
            <PctBar pct={c.pct} threshold={s.target.thresholdPct} status={c.status} />
            <span className="nowrap">{c.eligible === 0 ? t('coverage.noEligible') : `${formatNumber(c.covered)}/${formatNumber(c.eligible)} · ${formatNumber(c.pct)}%`}</span>
          </li>
        ))}
      </ul>
      </details>
      <h3>{t('coverage.overTime')}</h3>
      <div className="year-chart" data-testid="coverage-years">
        {s.series.map((y) => (
          <div key={y.year} className="year-col" title={`${y.covered}/${y.eligible}`}>
            <span className="year-bar" style={{ height: `${Math.max(2, y.pct)}%` }} />
            <span className="small">{formatNumber(y.pct)}%</span>
            <span className="small muted">{y.year}</span>
          </div>
        ))}
      </div>
      {s.phases.length > 0 && (
        <ul className="phase-list">
          {s.phases.map((ph) => (
            <li key={ph.name}>
              <strong>{ph.name}</strong> — {label(ph.review === 'final' ? { vi: 'tổng kết', en: 'final review' } : { vi: 'sơ kết', en: 'interim review' })}: {formatNumber(ph.pct)}% ({ph.year})
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function MissingList({ targetId, unitId, year, counts }: { targetId: string; unitId?: string; year?: number; counts: 'people' | 'units' }) {
  const { t } = useT();
  const [page, setPage] = useState(1);
  const missing = useMissing(targetId, { unitId, year, page, pageSize: PAGE_SIZE });
  const exporter = useExportMissing();
  return (
    <div data-testid="missing-list">
      <div className="toolbar">
        <h3>{t('coverage.missing', { count: missing.data?.total ?? 0 })}</h3>
        <button type="button" className="button" onClick={() => exporter.mutate({ targetId, unitId, year })} disabled={exporter.isPending} data-testid="export-missing">
          {exporter.isPending ? t('common.loading') : t('coverage.exportMissing')}
        </button>
      </div>
      {exporter.isError && <ErrorMessage error={exporter.error} />}
      {missing.isLoading && <Loading />}
      {missing.isError && <ErrorMessage error={missing.error} />}
      {missing.data && (
        <>
          <div className={`table-wrap${missing.isPlaceholderData ? ' is-stale' : ''}`}>
            <table className="table responsive">
              <thead>
                <tr>
                  {counts === 'people' && <th>{t('people.staffCode')}</th>}
                  {counts === 'people' && <th>{t('people.fullName')}</th>}
                  <th>{t('coverage.unit')}</th>
                  <th>{t('coverage.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {missing.data.items.map((m) => (
                  <tr key={m.personId ?? m.unitId} data-testid="missing-row">
                    {counts === 'people' && <td data-label={t('people.staffCode')} className="code">{m.staffCode}</td>}
                    {counts === 'people' && <td data-label={t('people.fullName')}>{m.fullName}</td>}
                    <td data-label={t('coverage.unit')}>{m.unitName}</td>
                    <td data-label={t('coverage.reason')}>{m.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {missing.data.total === 0 && <p className="empty">{t('coverage.noneMissing')}</p>}
          {missing.data.total > PAGE_SIZE && <Pager page={page} pageSize={PAGE_SIZE} total={missing.data.total} onPage={setPage} />}
        </>
      )}
    </div>
  );
}

/** One score list (low scorers or commendations): its total, pages and an export of the whole list. */
function ScoreList({ kind, unitId, year }: { kind: 'low' | 'high'; unitId?: string; year?: number }) {
  const { t, formatNumber, formatDate } = useT();
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<LowScorerSort>('score');
  const list = useScoreList(kind, { unitId, year, page, pageSize: PAGE_SIZE, sort });
  const exporter = useExportScoreList();
  const testId = kind === 'low' ? 'low-scorers' : 'commendations';
  const title = kind === 'low' ? 'coverage.lowScorers' : 'coverage.commendations';
  // On a phone the two lists (20 people each, a card per person) would add 10,000 px: they start folded, with their totals.
  const phone = useMediaQuery('(max-width: 480px)');
  // A link to this list (the home page's "low scorers") opens it even on a phone.
  const { hash } = useLocation();
  return (
    <details className="card collapsible" id={testId} open={!phone || hash === `#${testId}`} data-testid={`${testId}-card`}>
      <summary><h2>{t(title, { year: list.data?.year ?? year ?? '' })} ({formatNumber(list.data?.total ?? 0)})</h2></summary>
      <div className="toolbar">
        <button type="button" className="button" onClick={() => exporter.mutate({ kind, unitId, year, sort })} disabled={exporter.isPending || !list.data?.total} data-testid={`export-${testId}`}>
          {exporter.isPending ? t('common.loading') : t('coverage.exportList')}
        </button>
      </div>
      <div className="field">
        <label htmlFor={`${testId}-sort`}>{t('people.sort')}</label>
        <LowScorerSortSelect id={`${testId}-sort`} value={sort} best={kind === 'high'} onChange={(s) => { setSort(s); setPage(1); }} />
      </div>
      {kind === 'low' && <p className="muted small">{t('coverage.lowScorersHint')}</p>}
      {exporter.isError && <ErrorMessage error={exporter.error} />}
      {list.isError && <ErrorMessage error={list.error} />}
      {list.data && (list.data.total ? (
        <>
          <div className={`table-wrap${list.isPlaceholderData ? ' is-stale' : ''}`}>
            <table className="table responsive" data-testid={testId}>
              <thead>
                <tr><th>{t('people.fullName')}</th><th>{t('coverage.unit')}</th><th>{t('coverage.round')}</th><th>{t('coverage.score')}</th><th>{t('coverage.finishedOn')}</th></tr>
              </thead>
              <tbody>
                {list.data.items.map((r: ScoreRowDto) => (
                  <tr key={`${r.personId}-${r.roundName}`}>
                    <td data-label={t('people.fullName')}>{r.fullName}</td>
                    <td data-label={t('coverage.unit')}>{r.unitName}</td>
                    <td data-label={t('coverage.round')}>{r.roundName}</td>
                    <td data-label={t('coverage.score')} className="nowrap">{formatNumber(r.score)} · {r.band}</td>
                    <td data-label={t('coverage.finishedOn')}>{formatDate(r.finishedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {list.data.total > PAGE_SIZE && <Pager page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />}
        </>
      ) : <p className="empty">{t('common.noResults')}</p>)}
    </details>
  );
}

/** One under the other, full width: side by side, five columns in half a screen wrapped every name into a tall cell. */
function Scores({ unitId, year }: { unitId?: string; year?: number }) {
  return (
    <>
      <ScoreList kind="low" unitId={unitId} year={year} />
      <ScoreList kind="high" unitId={unitId} year={year} />
    </>
  );
}

/** Coordinator: every target × every unit; unit officer: the same for their subtree. Drill down by clicking a unit. */
export function CoveragePage() {
  const { t } = useT();
  const [trail, setTrail] = useState<{ id: string; name: string }[]>([]);
  const unitId = trail.length ? trail[trail.length - 1].id : undefined;
  const [matrixYear, setMatrixYear] = useState<number | undefined>(undefined);
  const matrix = useCoverageMatrix(unitId, matrixYear);
  // A link from the home page names the target (?target=) and may point at a list (#low-scorers).
  const [params] = useSearchParams();
  const [targetId, setTargetId] = useState<string | null>(params.get('target'));
  const { hash } = useLocation();
  const scrolled = useRef(false);
  useEffect(() => {
    if (!hash || scrolled.current || !matrix.data) return;
    const element = document.getElementById(hash.slice(1));
    if (element) {
      scrolled.current = true;
      element.scrollIntoView();
    }
  });
  const [year, setYear] = useState<number | undefined>(undefined);
  const selected = targetId ?? matrix.data?.targets[0]?.id ?? null;
  const summary = useCoverageSummary(selected, { unitId, year });
  const target = matrix.data?.targets.find((x) => x.id === selected);

  const drill = (id: string) => {
    const row = matrix.data?.rows.find((r) => r.unitId === id) ?? summary.data?.children.find((c) => c.unitId === id);
    if (!row || id === unitId) return;
    setTrail((tr) => [...tr, { id, name: row.unitName }]);
  };
  const pick = (tid: string, uid: string) => {
    setTargetId(tid);
    setYear(matrixYear);
    if (uid !== (unitId ?? matrix.data?.unit.id)) drill(uid);
  };

  return (
    <section className="page" data-testid="coverage-page">
      <h1>{t('coverage.title')}</h1>
      <nav className="breadcrumb" aria-label={t('coverage.unit')}>
        <button type="button" className="link-button" onClick={() => setTrail([])}>{trail.length ? t('coverage.top') : matrix.data?.unit.name}</button>
        {trail.map((u, i) => (
          <span key={u.id}> › <button type="button" className="link-button" onClick={() => setTrail(trail.slice(0, i + 1))}>{u.name}</button></span>
        ))}
      </nav>
      {matrix.isLoading && <Loading />}
      {matrix.isError && <ErrorMessage error={matrix.error} />}
      {matrix.data && (
        <article className="card">
          <div className="toolbar">
            <h2>{t('coverage.heatmap')} — {matrix.data.year === null ? t('coverage.currentYear') : t('reports.year', { year: matrix.data.year })}</h2>
            <div className="field">
              <label htmlFor="heat-year">{t('coverage.year')}</label>
              <select id="heat-year" value={matrixYear ?? ''} onChange={(e) => { const y = e.target.value ? Number(e.target.value) : undefined; setMatrixYear(y); setYear(y); }} data-testid="heat-year">
                <option value="">{t('coverage.currentYear')}</option>
                {matrix.data.years.map((y) => <option key={y} value={y}>{y}</option>)}
              </select>
            </div>
          </div>
          <p className="muted small">{t('coverage.heatmapHint')}</p>
          <Heatmap matrix={matrix.data} onPick={pick} onDrill={drill} selected={selected} />
        </article>
      )}
      {target && (
        <article className="card" data-testid="coverage-detail">
          <div className="toolbar">
            <h2>{target.name}</h2>
            <div className="field">
              <label htmlFor="coverage-target">{t('coverage.target')}</label>
              <select id="coverage-target" value={selected ?? ''} onChange={(e) => { setTargetId(e.target.value); setYear(undefined); }} data-testid="coverage-target">
                {matrix.data?.targets.map((x) => <option key={x.id} value={x.id}>{x.shortName} — {x.legalBasisNumber}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor="coverage-year">{t('coverage.year')}</label>
              <select id="coverage-year" value={year ?? summary.data?.year ?? ''} onChange={(e) => setYear(Number(e.target.value))} data-testid="coverage-year">
                {Array.from({ length: target.endYear - target.startYear + 1 }, (_, i) => target.startYear + i).map((y) => <option key={y} value={y}>{y}</option>)}
              </select>
            </div>
          </div>
          {summary.isError && <ErrorMessage error={summary.error} />}
          {summary.data && <SummaryView s={summary.data} onDrill={drill} />}
          {summary.data && <MissingList key={`${selected}-${unitId}-${summary.data.year}`} targetId={selected!} unitId={unitId} year={summary.data.year} counts={summary.data.counts} />}
        </article>
      )}
      <Scores unitId={unitId} year={matrixYear} />
    </section>
  );
}
