import type { ReactNode } from 'react';
import { useT } from '../../i18n/i18n';
import { UnitSelect } from '../../units/components/unit-select';

/** A round's follow-up lists (results, low scorers, not taken): the person cell, name over a muted detail line. */
export function PersonCell({ name, detail }: { name: string; detail: ReactNode }) {
  const { t } = useT();
  return (
    <td data-label={t('results.person')} className="cell-title">
      <span>
        {name}
        <div className="muted small">{detail}</div>
      </span>
    </td>
  );
}

/** The unit filter of those lists: every unit the caller manages, or one subtree. */
export function UnitFilter({ id, value, onChange }: { id: string; value: string | undefined; onChange(unitId: string | undefined): void }) {
  const { t } = useT();
  return (
    <div className="field">
      <label htmlFor={id}>{t('people.unit')}</label>
      <UnitSelect id={id} value={value ?? ''} emptyLabel={t('people.allUnits')} onChange={(unitId) => onChange(unitId || undefined)} />
    </div>
  );
}
