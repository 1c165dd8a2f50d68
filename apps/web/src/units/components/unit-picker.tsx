import { useId, useMemo, useState } from 'react';
import { foldVietnamese, UnitStatus } from '@cchc/shared';
import { useT } from '../../i18n/i18n';
import { useUnits } from '../use-units';
import { buildUnitTree, flattenTree, unitMatches } from '../unit-tree';
import '../../i18n/messages/coverage-forms'; // its texts (loaded with this page)

interface UnitPickerProps {
  label: string;
  value: readonly string[];
  onChange(unitIds: string[]): void;
  hint?: string;
  testId?: string;
}

/** How many units the list shows at once; the search narrows the rest (a province has hundreds). */
const SHOWN = 60;

/**
 * Several units out of the caller's scope: the chosen ones as removable chips, a search (with or without diacritics,
 * by name or code) and a checklist in tree order. Large tap targets, so it works on a phone.
 */
export function UnitPicker({ label, value, onChange, hint, testId = 'unit-picker' }: UnitPickerProps) {
  const { t } = useT();
  const id = useId();
  const { data: units, isLoading } = useUnits(false);
  const [query, setQuery] = useState('');
  const nodes = useMemo(() => flattenTree(buildUnitTree((units ?? []).filter((u) => u.status === UnitStatus.Active))), [units]);
  const byId = useMemo(() => new Map(nodes.map((n) => [n.unit.id, n.unit])), [nodes]);
  const folded = foldVietnamese(query.trim());
  const matches = folded ? nodes.filter((n) => unitMatches(n.unit, folded)) : nodes;
  const chosen = new Set(value);
  const nameOf = (unitId: string) => byId.get(unitId)?.name ?? (isLoading ? '…' : t('unitPicker.unknown'));
  const toggle = (unitId: string) => onChange(chosen.has(unitId) ? value.filter((x) => x !== unitId) : [...value, unitId]);

  return (
    <fieldset className="field unit-picker" data-testid={testId}>
      <legend>{label}</legend>
      {hint && <p className="small muted">{hint}</p>}
      <ul className="chips" aria-label={t('unitPicker.chosen', { count: value.length })} data-testid={`${testId}-chosen`}>
        {value.map((unitId) => (
          <li key={unitId} className="chip">
            <span>{nameOf(unitId)}</span>
            <button type="button" className="chip-remove" onClick={() => toggle(unitId)} aria-label={t('unitPicker.remove', { name: nameOf(unitId) })}>
              ×
            </button>
          </li>
        ))}
        {!value.length && <li className="small muted">{t('unitPicker.none')}</li>}
      </ul>
      <label className="visually-hidden" htmlFor={`${id}-search`}>{t('unitPicker.search')}</label>
      <input
        id={`${id}-search`}
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder={t('unitPicker.search')}
        data-testid={`${testId}-search`}
      />
      {isLoading ? (
        <p className="loading">{t('common.loading')}</p>
      ) : (
        <div className="checklist unit-picker-list" role="group" aria-label={label}>
          {matches.slice(0, SHOWN).map((n) => (
            <label key={n.unit.id} className="checkbox" style={{ paddingLeft: `${folded ? 0 : Math.min(n.depth, 4) * 0.9}rem` }}>
              <input type="checkbox" checked={chosen.has(n.unit.id)} onChange={() => toggle(n.unit.id)} data-testid={`${testId}-option`} />
              <span>{n.unit.name} <span className="small muted">({n.unit.code})</span></span>
            </label>
          ))}
          {!matches.length && <p className="empty">{t('common.noResults')}</p>}
          {matches.length > SHOWN && <p className="small muted">{t('unitPicker.more', { count: matches.length - SHOWN })}</p>}
        </div>
      )}
    </fieldset>
  );
}
