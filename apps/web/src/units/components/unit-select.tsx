import { useMemo } from 'react';
import { UnitStatus } from '@cchc/shared';
import { useUnits } from '../use-units';
import { buildUnitTree, flattenTree, indentLabel } from '../unit-tree';

interface UnitSelectProps {
  id: string;
  name?: string;
  value?: string;
  defaultValue?: string;
  onChange?(unitId: string): void;
  /** Label of the empty option; without it a unit must be chosen. */
  emptyLabel?: string;
  required?: boolean;
  /** Units that cannot be chosen (e.g. a unit's own subtree when moving it). */
  exclude?: (unitId: string) => boolean;
  testId?: string;
}

/** A select of every active unit in the caller's scope, indented as a tree. */
export function UnitSelect({ id, name, value, defaultValue, onChange, emptyLabel, required, exclude, testId }: UnitSelectProps) {
  const { data: units, isLoading } = useUnits(false);
  const options = useMemo(
    () => flattenTree(buildUnitTree((units ?? []).filter((unit) => unit.status === UnitStatus.Active))),
    [units],
  );
  return (
    <select
      id={id}
      name={name}
      value={value}
      defaultValue={defaultValue}
      required={required}
      disabled={isLoading}
      onChange={onChange ? (event) => onChange(event.target.value) : undefined}
      data-testid={testId}
    >
      {(emptyLabel !== undefined || isLoading) && <option value="">{emptyLabel ?? '…'}</option>}
      {options
        .filter((node) => !exclude?.(node.unit.id))
        .map((node) => (
          <option key={node.unit.id} value={node.unit.id}>
            {indentLabel(node)}
          </option>
        ))}
    </select>
  );
}
