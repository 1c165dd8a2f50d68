import { useMemo, useState, type MouseEvent } from 'react';
import { Link } from 'react-router-dom';
import { Permission, UNIT_LEVEL_LABELS, UnitStatus, type UnitDto } from '@cchc/shared';
import { useCan } from '../../auth/permissions';
import { ErrorMessage, Loading } from '../../components/error-message';
import { useT } from '../../i18n/i18n';
import {
  CloseUnitDialog,
  CreateUnitDialog,
  MergeUnitsDialog,
  MoveUnitDialog,
  RenameUnitDialog,
} from '../components/unit-dialogs';
import { buildUnitTree, searchTree, type UnitNode } from '../unit-tree';
import { useUnits } from '../use-units';

type UnitAction = 'create' | 'rename' | 'move' | 'close' | 'merge';
interface OpenDialog {
  action: UnitAction;
  unit?: UnitDto;
}

export function UnitsPage() {
  const { t } = useT();
  const canWrite = useCan(Permission.UnitsWrite);
  const canMerge = useCan(Permission.UnitsMerge);
  const [includeClosed, setIncludeClosed] = useState(false);
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<Set<string> | null>(null);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const units = useUnits(includeClosed);

  const roots = useMemo(() => buildUnitTree(units.data ?? []), [units.data]);
  const search = useMemo(() => searchTree(roots, query), [roots, query]);
  // A province has one root: "add unit" starts below it, so nobody creates a second province by accident.
  const provinceRoot = roots.length === 1 && roots[0].unit.status === UnitStatus.Active ? roots[0].unit : undefined;
  // Until the user toggles something, the roots are open so the first level below them shows.
  const open = useMemo(() => {
    if (expanded) return expanded;
    const initial = new Set<string>();
    for (const root of roots) initial.add(root.unit.id);
    return initial;
  }, [expanded, roots]);

  const isOpen = (id: string) => (search ? search.open.has(id) : open.has(id));
  const toggle = (id: string) => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setExpanded(next);
  };
  const setAll = (value: boolean) => {
    const next = new Set<string>();
    if (value) for (const unit of units.data ?? []) next.add(unit.id);
    setExpanded(next);
  };

  const closeDialog = () => setDialog(null);

  const renderNode = (node: UnitNode) => {
    if (search && !search.visible.has(node.unit.id)) return null;
    const { unit } = node;
    const hasChildren = node.children.length > 0;
    const nodeOpen = hasChildren && isOpen(unit.id);
    return (
      <li key={unit.id} className="tree-item">
        <UnitRow
          unit={unit}
          hasChildren={hasChildren}
          open={nodeOpen}
          highlighted={search?.matches.has(unit.id) ?? false}
          onToggle={() => toggle(unit.id)}
          actions={canWrite && unit.status === UnitStatus.Active ? (action) => setDialog({ action, unit }) : undefined}
          canMerge={canMerge}
        />
        {nodeOpen && <ul className="tree-children">{node.children.map(renderNode)}</ul>}
      </li>
    );
  };

  return (
    <section className="page" data-testid="units-page">
      <div className="page-header">
        <h1>{t('units.title')}</h1>
        {canWrite && (
          <button type="button" className="button button-primary" onClick={() => setDialog({ action: 'create', unit: provinceRoot })} data-testid="unit-create">
            + {t('units.create')}
          </button>
        )}
      </div>
      <div className="toolbar">
        <div className="field grow">
          <label htmlFor="unit-search">{t('units.search')}</label>
          <input
            id="unit-search"
            type="search"
            value={query}
            placeholder={t('units.searchPlaceholder')}
            onChange={(event) => setQuery(event.target.value)}
            data-testid="unit-search"
          />
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={includeClosed} onChange={(event) => setIncludeClosed(event.target.checked)} />
          {t('units.includeClosed')}
        </label>
        <div className="button-row">
          <button type="button" className="button button-small" onClick={() => setAll(true)} disabled={Boolean(search)}>
            {t('units.expandAll')}
          </button>
          <button type="button" className="button button-small" onClick={() => setAll(false)} disabled={Boolean(search)}>
            {t('units.collapseAll')}
          </button>
        </div>
      </div>
      {units.isPending && <Loading />}
      <ErrorMessage error={units.error} onRetry={() => void units.refetch()} />
      {units.data && roots.length === 0 && <p className="empty">{t('units.empty')}</p>}
      {search && search.visible.size === 0 && <p className="empty">{t('units.noMatch')}</p>}
      {roots.length > 0 && (
        <ul className="tree" data-testid="unit-tree">
          {roots.map(renderNode)}
        </ul>
      )}
      {dialog?.action === 'create' && <CreateUnitDialog parent={dialog.unit} onClose={closeDialog} />}
      {dialog?.action === 'rename' && dialog.unit && <RenameUnitDialog unit={dialog.unit} onClose={closeDialog} />}
      {dialog?.action === 'move' && dialog.unit && <MoveUnitDialog unit={dialog.unit} onClose={closeDialog} />}
      {dialog?.action === 'close' && dialog.unit && <CloseUnitDialog unit={dialog.unit} onClose={closeDialog} />}
      {dialog?.action === 'merge' && dialog.unit && <MergeUnitsDialog unit={dialog.unit} onClose={closeDialog} />}
    </section>
  );
}

interface UnitRowProps {
  unit: UnitDto;
  hasChildren: boolean;
  open: boolean;
  highlighted: boolean;
  onToggle(): void;
  actions?: (action: UnitAction) => void;
  canMerge: boolean;
}

function UnitRow({ unit, hasChildren, open, highlighted, onToggle, actions, canMerge }: UnitRowProps) {
  const { t, label, formatNumber } = useT();
  const statusKey = unit.status === UnitStatus.Closed ? 'units.status.closed' : unit.status === UnitStatus.Merged ? 'units.status.merged' : null;
  const run = (action: UnitAction) => (event: MouseEvent<HTMLButtonElement>) => {
    event.currentTarget.closest('details')?.removeAttribute('open');
    actions?.(action);
  };
  return (
    <div className={`tree-row${highlighted ? ' is-match' : ''}${statusKey ? ' is-inactive' : ''}`} data-testid={`unit-row-${unit.code}`}>
      {hasChildren ? (
        <button
          type="button"
          className="tree-toggle"
          aria-expanded={open}
          aria-label={t(open ? 'units.collapse' : 'units.expand', { name: unit.name })}
          onClick={onToggle}
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span>
        </button>
      ) : (
        <span className="tree-toggle-spacer" aria-hidden="true" />
      )}
      <div className="tree-main">
        <span className="tree-name">{unit.name}</span>
        <span className="tree-meta">
          <span className="code">{unit.code}</span> · {label(UNIT_LEVEL_LABELS[unit.level])}
          {statusKey && <span className="badge badge-muted">{t(statusKey)}</span>}
        </span>
      </div>
      <span
        className="badge badge-count"
        title={t('units.peopleCountTitle', { direct: unit.peopleCount, subtree: unit.subtreePeopleCount })}
        data-testid="unit-people-count"
      >
        {t('units.peopleCount', { count: formatNumber(unit.subtreePeopleCount) })}
      </span>
      <Link className="button button-small button-ghost" to={`/people?unitId=${encodeURIComponent(unit.id)}&includeSubunits=true`}>
        {t('units.viewPeople')}
      </Link>
      {actions && (
        <details className="menu">
          <summary className="button button-small" aria-label={`${t('units.more')}: ${unit.name}`}>
            ⋯
          </summary>
          <div className="menu-panel">
            <button type="button" onClick={run('create')}>{t('units.createChild')}</button>
            <button type="button" onClick={run('rename')}>{t('units.rename')}</button>
            {unit.parentId && <button type="button" onClick={run('move')}>{t('units.move')}</button>}
            {canMerge && <button type="button" onClick={run('merge')}>{t('units.merge')}</button>}
            <button type="button" className="danger" onClick={run('close')}>{t('units.close')}</button>
          </div>
        </details>
      )}
    </div>
  );
}
