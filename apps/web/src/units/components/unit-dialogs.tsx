import { useMemo, useState, type FormEvent } from 'react';
import { UNIT_LEVELS, UNIT_LEVEL_LABELS, UnitLevel, UnitStatus, canMoveUnder, foldVietnamese, type UnitDto } from '@cchc/shared';
import { Dialog, DialogActions } from '../../components/dialog';
import { ErrorMessage } from '../../components/error-message';
import { requiredText } from '../../components/form';
import { useT } from '../../i18n/i18n';
import { useCloseUnit, useCreateUnit, useMergeUnits, useMoveUnit, useUpdateUnit } from '../use-unit-mutations';
import { useUnits } from '../use-units';
import { buildUnitTree, flattenTree, unitMatches } from '../unit-tree';
import { UnitSelect } from './unit-select';

interface DialogProps {
  onClose(): void;
}

/** The usual level one step below a parent, to save a choice in the common case. */
function suggestedChildLevel(parent: UnitDto | undefined): UnitLevel {
  switch (parent?.level) {
    case undefined:
      return UnitLevel.Province;
    case UnitLevel.Province:
      return UnitLevel.Department;
    case UnitLevel.District:
      return UnitLevel.Commune;
    default:
      return UnitLevel.SubUnit;
  }
}

function SubmitButtons({ pending, onClose, label, danger }: { pending: boolean; onClose(): void; label?: string; danger?: boolean }) {
  const { t } = useT();
  return (
    <DialogActions>
      <button type="button" className="button" onClick={onClose}>
        {t('common.cancel')}
      </button>
      <button type="submit" className={`button ${danger ? 'button-danger' : 'button-primary'}`} disabled={pending} data-testid="dialog-submit">
        {pending ? t('common.saving') : (label ?? t('common.save'))}
      </button>
    </DialogActions>
  );
}

export function CreateUnitDialog({ parent, onClose }: DialogProps & { parent?: UnitDto }) {
  const { t, label } = useT();
  const create = useCreateUnit();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate(
      {
        code: requiredText(form, 'code'),
        name: requiredText(form, 'name'),
        level: form.get('level') as UnitLevel,
        parentId: requiredText(form, 'parentId') || null,
      },
      { onSuccess: onClose },
    );
  };
  return (
    <Dialog title={parent ? t('units.createChild') : t('units.create')} onClose={onClose} testId="unit-create-dialog">
      <form className="form" onSubmit={onSubmit}>
        <ErrorMessage error={create.error} />
        <div className="field">
          <label htmlFor="unit-parent">{t('units.parent')}</label>
          <UnitSelect id="unit-parent" name="parentId" defaultValue={parent?.id ?? ''} emptyLabel={t('units.noParent')} />
        </div>
        <div className="field">
          <label htmlFor="unit-name">{t('units.name')}</label>
          <input id="unit-name" name="name" required autoFocus />
        </div>
        <div className="field">
          <label htmlFor="unit-code">{t('units.code')}</label>
          <input id="unit-code" name="code" required autoCapitalize="characters" spellCheck={false} />
        </div>
        <div className="field">
          <label htmlFor="unit-level">{t('units.level')}</label>
          <select id="unit-level" name="level" defaultValue={suggestedChildLevel(parent)}>
            {UNIT_LEVELS.map((level) => (
              <option key={level} value={level}>
                {label(UNIT_LEVEL_LABELS[level])}
              </option>
            ))}
          </select>
        </div>
        <SubmitButtons pending={create.isPending} onClose={onClose} />
      </form>
    </Dialog>
  );
}

export function RenameUnitDialog({ unit, onClose }: DialogProps & { unit: UnitDto }) {
  const { t } = useT();
  const update = useUpdateUnit();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = requiredText(form, 'name');
    const code = requiredText(form, 'code');
    // Send only what changed: a code change is a bigger deal (imports refer to it).
    update.mutate(
      { id: unit.id, name: name !== unit.name ? name : undefined, code: code !== unit.code ? code : undefined },
      { onSuccess: onClose },
    );
  };
  return (
    <Dialog title={t('units.rename')} onClose={onClose} testId="unit-rename-dialog">
      <form className="form" onSubmit={onSubmit}>
        <ErrorMessage error={update.error} />
        <div className="field">
          <label htmlFor="rename-name">{t('units.name')}</label>
          <input id="rename-name" name="name" defaultValue={unit.name} required autoFocus />
        </div>
        <div className="field">
          <label htmlFor="rename-code">{t('units.code')}</label>
          <input id="rename-code" name="code" defaultValue={unit.code} required spellCheck={false} />
        </div>
        <SubmitButtons pending={update.isPending} onClose={onClose} />
      </form>
    </Dialog>
  );
}

export function MoveUnitDialog({ unit, onClose }: DialogProps & { unit: UnitDto }) {
  const { t } = useT();
  const move = useMoveUnit();
  const { data: units } = useUnits(false);
  const pathById = useMemo(() => new Map((units ?? []).map((u) => [u.id, u.path])), [units]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const newParentId = requiredText(new FormData(event.currentTarget), 'newParentId');
    if (newParentId) move.mutate({ id: unit.id, newParentId }, { onSuccess: onClose });
  };
  return (
    <Dialog title={`${t('units.move')}: ${unit.name}`} onClose={onClose} testId="unit-move-dialog">
      <form className="form" onSubmit={onSubmit}>
        <ErrorMessage error={move.error} />
        <div className="field">
          <label htmlFor="move-parent">{t('units.newParent')}</label>
          <UnitSelect
            id="move-parent"
            name="newParentId"
            defaultValue={unit.parentId ?? ''}
            emptyLabel=""
            required
            exclude={(id) => {
              const path = pathById.get(id);
              return id === unit.id || (path !== undefined && !canMoveUnder(unit.path, path));
            }}
          />
        </div>
        <SubmitButtons pending={move.isPending} onClose={onClose} />
      </form>
    </Dialog>
  );
}

export function CloseUnitDialog({ unit, onClose }: DialogProps & { unit: UnitDto }) {
  const { t } = useT();
  const close = useCloseUnit();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    close.mutate(unit.id, { onSuccess: onClose });
  };
  return (
    <Dialog title={t('units.close')} onClose={onClose} testId="unit-close-dialog">
      <form className="form" onSubmit={onSubmit}>
        <ErrorMessage error={close.error} />
        <p>{t('units.closeConfirm', { name: unit.name })}</p>
        <SubmitButtons pending={close.isPending} onClose={onClose} label={t('units.close')} danger />
      </form>
    </Dialog>
  );
}

export function MergeUnitsDialog({ unit, onClose }: DialogProps & { unit: UnitDto }) {
  const { t } = useT();
  const merge = useMergeUnits();
  const { data: units } = useUnits(false);
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [showNone, setShowNone] = useState(false);

  // A unit cannot absorb itself or one of its own ancestors.
  const candidates = useMemo(
    () =>
      flattenTree(buildUnitTree((units ?? []).filter((u) => u.status === UnitStatus.Active))).filter(
        (node) => node.unit.id !== unit.id && !unit.path.startsWith(node.unit.path),
      ),
    [units, unit],
  );
  const folded = foldVietnamese(filter);
  const shown = folded ? candidates.filter((node) => unitMatches(node.unit, folded)) : candidates;

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (selected.size === 0) {
      setShowNone(true);
      return;
    }
    merge.mutate({ targetId: unit.id, sourceUnitIds: [...selected] }, { onSuccess: onClose });
  };

  return (
    <Dialog title={t('units.merge')} onClose={onClose} testId="unit-merge-dialog">
      <form className="form" onSubmit={onSubmit}>
        <ErrorMessage error={merge.error} />
        {showNone && selected.size === 0 && (
          <div className="alert alert-error" role="alert">
            {t('units.mergeNone')}
          </div>
        )}
        <p>{t('units.mergeIntro', { name: unit.name })}</p>
        <div className="field">
          <label htmlFor="merge-filter">{t('units.mergeFilter')}</label>
          <input id="merge-filter" type="search" value={filter} onChange={(event) => setFilter(event.target.value)} />
        </div>
        <fieldset className="checklist">
          <legend>
            {t('units.mergeSources')} · {t('units.mergeSelected', { count: selected.size })}
          </legend>
          {shown.map((node) => (
            <label key={node.unit.id} className="checkbox" style={{ paddingLeft: `${node.depth * 0.75}rem` }}>
              <input type="checkbox" checked={selected.has(node.unit.id)} onChange={() => toggle(node.unit.id)} />
              <span>
                {node.unit.name} <span className="muted">({node.unit.code})</span>
              </span>
            </label>
          ))}
        </fieldset>
        <SubmitButtons pending={merge.isPending} onClose={onClose} label={t('units.merge')} danger />
      </form>
    </Dialog>
  );
}
