import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  defaultTargetShortName, EVIDENCE_KIND_LABELS, EvidenceKind, PERSON_CATEGORIES, PERSON_CATEGORY_LABELS, UNIT_LEVEL_LABELS, UNIT_LEVELS, type ValidityMode,
} from '@cchc/shared';
import { ErrorMessage, Loading } from '../../components/error-message';
import { useT, type MessageKey } from '../../i18n/i18n';
import { UnitPicker } from '../../units/components/unit-picker';
import { TopicSelect } from '../../topics/components/topic-select';
import { emptyTarget, formToRequest, targetToForm, validateTarget, type PhaseRow, type TargetFormErrors, type TargetFormState } from '../target-form';
import { useSaveTarget, useTarget } from '../use-coverage';
import '../../i18n/messages/coverage-forms'; // its texts (loaded with this page)

const EVIDENCE_KINDS = Object.values(EvidenceKind);
const VALIDITY: ValidityMode[] = ['year', 'years', 'phase'];

function FieldError({ id, error }: { id: string; error?: MessageKey }) {
  const { t } = useT();
  return error ? <p className="field-error" id={`${id}-error`} data-testid="field-error">{t(error)}</p> : null;
}

function Field({ id, label, error, hint, children }: { id: string; label: string; error?: MessageKey; hint?: string; children: ReactNode }) {
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <span className="small muted">{hint}</span>}
      <FieldError id={id} error={error} />
    </div>
  );
}

function toggle<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

/** Create or edit a target (chỉ tiêu): every rule the API keeps, checked here first with Vietnamese messages. */
export function TargetEditPage() {
  const { targetId } = useParams();
  const existing = useTarget(targetId);
  const { t } = useT();
  if (targetId && existing.isLoading) return <Loading />;
  if (targetId && existing.isError) return <ErrorMessage error={existing.error} />;
  return (
    <section className="page" data-testid="target-edit-page">
      <p><Link to="/targets">← {t('tf.back')}</Link></p>
      <h1>{targetId ? t('tf.editTitle') : t('tf.newTitle')}</h1>
      <TargetForm key={targetId ?? 'new'} id={targetId ?? null} initial={existing.data ? targetToForm(existing.data) : emptyTarget(new Date().getFullYear())} />
    </section>
  );
}

function TargetForm({ id, initial }: { id: string | null; initial: TargetFormState }) {
  const { t, label } = useT();
  const navigate = useNavigate();
  const save = useSaveTarget();
  const [f, setF] = useState(initial);
  const [errors, setErrors] = useState<TargetFormErrors>({});
  const summary = useRef<HTMLDivElement>(null);
  const set = <K extends keyof TargetFormState>(key: K, value: TargetFormState[K]) => setF((x) => ({ ...x, [key]: value }));
  const setPhase = (i: number, patch: Partial<PhaseRow>) => set('phases', f.phases.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  const err = (key: keyof TargetFormErrors) => errors[key];
  const invalid = (key: keyof TargetFormErrors) => (errors[key] ? { 'aria-invalid': true } : {});
  const errorList = Object.values(errors).filter((x): x is MessageKey => !!x);

  const shown = errorList.length > 0 || save.isError;
  // Bring the list of problems into view (on a phone the button is far below the first one).
  useEffect(() => {
    if (shown) summary.current?.focus();
  }, [shown, errors, save.error]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validateTarget(f);
    setErrors(found);
    if (Object.keys(found).length) return;
    save.mutate({ id, input: formToRequest(f) }, { onSuccess: (saved) => navigate('/targets', { state: { saved: saved.name } }) });
  };

  const addPhase = () => {
    const last = f.phases[f.phases.length - 1];
    const start = last ? last.endYear : f.startYear;
    set('phases', [...f.phases, { name: t('tf.phaseDefault', { n: f.phases.length + 1 }), startYear: start, endYear: f.endYear, review: 'final' }]);
  };

  return (
    <form className="form target-form" onSubmit={submit} noValidate data-testid="target-form">
      <div ref={summary} tabIndex={-1}>
        {errorList.length > 0 && (
          <div className="alert alert-error" role="alert" data-testid="target-form-errors">
            <div>
              <strong>{t('tf.fixErrors', { count: errorList.length })}</strong>
              <ul>{[...new Set(errorList)].map((k) => <li key={k}>{t(k)}</li>)}</ul>
            </div>
          </div>
        )}
        {save.isError && <ErrorMessage error={save.error} />}
      </div>

      <fieldset className="card">
        <legend>{t('tf.general')}</legend>
        <div className="field-row">
          <Field id="tf-name" label={t('tf.name')} error={err('name')}>
            <input id="tf-name" value={f.name} onChange={(e) => set('name', e.target.value)} maxLength={300} {...invalid('name')} data-testid="tf-name" />
          </Field>
          <Field id="tf-short" label={t('tf.shortName')} hint={t('tf.shortNameHint')}>
            <input id="tf-short" value={f.shortName} onChange={(e) => set('shortName', e.target.value)} maxLength={60} placeholder={defaultTargetShortName(f.name)} data-testid="tf-short-name" />
          </Field>
          <Field id="tf-code" label={t('tf.code')} error={err('code')} hint={t('tf.codeHint')}>
            <input id="tf-code" value={f.code} onChange={(e) => set('code', e.target.value)} maxLength={50} autoCapitalize="characters" {...invalid('code')} data-testid="tf-code" />
          </Field>
        </div>
        <div className="field-row">
          <Field id="tf-basis" label={t('tf.basisNumber')} error={err('legalBasisNumber')} hint={t('tf.basisHint')}>
            <input id="tf-basis" value={f.legalBasisNumber} onChange={(e) => set('legalBasisNumber', e.target.value)} maxLength={60} {...invalid('legalBasisNumber')} data-testid="tf-basis" />
          </Field>
          <Field id="tf-basis-date" label={t('tf.basisDate')}>
            <input id="tf-basis-date" type="date" value={f.legalBasisDate} onChange={(e) => set('legalBasisDate', e.target.value)} data-testid="tf-basis-date" />
          </Field>
          <Field id="tf-topic" label={t('tf.topic')} error={err('topicId')} hint={t('tf.topicHint')}>
            <TopicSelect id="tf-topic" value={f.topicId} onChange={(v) => set('topicId', v)} emptyLabel={t('tf.chooseTopic')} activeOnly invalid={!!err('topicId')} testId="tf-topic" />
          </Field>
        </div>
      </fieldset>

      <fieldset className="card">
        <legend>{t('tf.audience')}</legend>
        <div className="field">
          <span className="field-label">{t('tf.kind')}</span>
          <label className="checkbox"><input type="radio" name="kind" checked={f.kind === 'people'} onChange={() => set('kind', 'people')} data-testid="tf-kind-people" /> {t('tf.kind.people')}</label>
          <label className="checkbox"><input type="radio" name="kind" checked={f.kind === 'units'} onChange={() => set('kind', 'units')} data-testid="tf-kind-units" /> {t('tf.kind.units')}</label>
        </div>
        <div className="field-row">
          <fieldset className="field">
            <legend>{t('tf.categories')}</legend>
            <span className="small muted">{t('tf.categoriesHint')}</span>
            {PERSON_CATEGORIES.map((c) => (
              <label key={c} className="checkbox">
                <input type="checkbox" checked={f.categories.includes(c)} onChange={() => set('categories', toggle(f.categories, c))} data-testid={`tf-category-${c}`} /> {label(PERSON_CATEGORY_LABELS[c])}
              </label>
            ))}
          </fieldset>
          <fieldset className={`field${err('unitLevels') ? ' has-error' : ''}`}>
            <legend>{t('tf.unitLevels')}</legend>
            <span className="small muted">{f.kind === 'units' ? t('tf.unitLevelsHintUnits') : t('tf.unitLevelsHint')}</span>
            {UNIT_LEVELS.map((l) => (
              <label key={l} className="checkbox">
                <input type="checkbox" checked={f.unitLevels.includes(l)} onChange={() => set('unitLevels', toggle(f.unitLevels, l))} data-testid={`tf-level-${l}`} /> {label(UNIT_LEVEL_LABELS[l])}
              </label>
            ))}
            <FieldError id="tf-unitLevels" error={err('unitLevels')} />
          </fieldset>
        </div>
        <div className="field-row">
          <Field id="tf-cchc" label={t('tf.doesCchcWork')}>
            <select id="tf-cchc" value={f.doesCchcWork} onChange={(e) => set('doesCchcWork', e.target.value as TargetFormState['doesCchcWork'])} data-testid="tf-cchc">
              <option value="">{t('tf.flag.any')}</option>
              <option value="true">{t('tf.flag.cchcYes')}</option>
              <option value="false">{t('tf.flag.cchcNo')}</option>
            </select>
          </Field>
          <Field id="tf-leader" label={t('tf.isLeader')}>
            <select id="tf-leader" value={f.isLeader} onChange={(e) => set('isLeader', e.target.value as TargetFormState['isLeader'])} data-testid="tf-leader">
              <option value="">{t('tf.flag.any')}</option>
              <option value="true">{t('tf.flag.leaderYes')}</option>
              <option value="false">{t('tf.flag.leaderNo')}</option>
            </select>
          </Field>
          {f.kind === 'units' && (
            <Field id="tf-share" label={t('tf.unitShare')} error={err('unitSharePct')} hint={t('tf.unitShareHint')}>
              <input id="tf-share" type="number" inputMode="decimal" min={0} max={100} step="any" value={f.unitSharePct} onChange={(e) => set('unitSharePct', e.target.value)} {...invalid('unitSharePct')} data-testid="tf-share" />
            </Field>
          )}
        </div>
        <UnitPicker label={t('tf.units')} hint={t('tf.unitsHint')} value={f.unitIds} onChange={(v) => set('unitIds', v)} testId="tf-units" />
        <FieldError id="tf-unitIds" error={err('unitIds')} />
      </fieldset>

      <fieldset className="card">
        <legend>{t('tf.levelAndTime')}</legend>
        <div className="field-row">
          <Field id="tf-threshold" label={t('tf.threshold')} error={err('thresholdPct')}>
            <input id="tf-threshold" type="number" inputMode="decimal" min={1} max={100} step="any" value={f.thresholdPct} onChange={(e) => set('thresholdPct', e.target.value)} {...invalid('thresholdPct')} data-testid="tf-threshold" />
          </Field>
          <Field id="tf-start" label={t('tf.startYear')} error={err('startYear')}>
            <input id="tf-start" type="number" inputMode="numeric" min={2000} max={2100} value={f.startYear} onChange={(e) => set('startYear', e.target.value)} {...invalid('startYear')} data-testid="tf-start" />
          </Field>
          <Field id="tf-end" label={t('tf.endYear')} error={err('endYear')}>
            <input id="tf-end" type="number" inputMode="numeric" min={2000} max={2100} value={f.endYear} onChange={(e) => set('endYear', e.target.value)} {...invalid('endYear')} data-testid="tf-end" />
          </Field>
          <Field id="tf-deadline" label={t('tf.deadline')} error={err('deadline')}>
            <input id="tf-deadline" type="date" value={f.deadline} onChange={(e) => set('deadline', e.target.value)} {...invalid('deadline')} data-testid="tf-deadline" />
          </Field>
        </div>
        <h3>{t('tf.phases')}</h3>
        <p className="small muted">{t('tf.phasesHint')}</p>
        <ol className="row-list" data-testid="tf-phases">
          {f.phases.map((p, i) => (
            <li key={i} className={`row-item${errors[`phase.${i}`] ? ' has-error' : ''}`} data-testid="tf-phase">
              <div className="field-row">
                <Field id={`tf-phase-${i}-name`} label={t('tf.phaseName')}>
                  <input id={`tf-phase-${i}-name`} value={p.name} onChange={(e) => setPhase(i, { name: e.target.value })} maxLength={100} data-testid="tf-phase-name" />
                </Field>
                <Field id={`tf-phase-${i}-start`} label={t('tf.phaseStart')}>
                  <input id={`tf-phase-${i}-start`} type="number" inputMode="numeric" min={2000} max={2100} value={p.startYear} onChange={(e) => setPhase(i, { startYear: e.target.value })} data-testid="tf-phase-start" />
                </Field>
                <Field id={`tf-phase-${i}-end`} label={t('tf.phaseEnd')}>
                  <input id={`tf-phase-${i}-end`} type="number" inputMode="numeric" min={2000} max={2100} value={p.endYear} onChange={(e) => setPhase(i, { endYear: e.target.value })} data-testid="tf-phase-end" />
                </Field>
                <Field id={`tf-phase-${i}-review`} label={t('tf.phaseReview')}>
                  <select id={`tf-phase-${i}-review`} value={p.review} onChange={(e) => setPhase(i, { review: e.target.value as PhaseRow['review'] })} data-testid="tf-phase-review">
                    <option value="interim">{t('tf.review.interim')}</option>
                    <option value="final">{t('tf.review.final')}</option>
                  </select>
                </Field>
              </div>
              <FieldError id={`tf-phase-${i}`} error={errors[`phase.${i}`]} />
              <button type="button" className="button button-small button-ghost" onClick={() => set('phases', f.phases.filter((_, j) => j !== i))} data-testid="tf-phase-remove">
                {t('tf.removePhase')}
              </button>
            </li>
          ))}
        </ol>
        {f.phases.length < 10 && (
          <button type="button" className="button button-small" onClick={addPhase} data-testid="tf-phase-add">{t('tf.addPhase')}</button>
        )}
      </fieldset>

      <fieldset className="card">
        <legend>{t('tf.evidence')}</legend>
        <div className="field-row">
          <fieldset className={`field${err('evidenceKinds') ? ' has-error' : ''}`}>
            <legend>{t('tf.evidenceKinds')}</legend>
            {EVIDENCE_KINDS.map((k) => (
              <label key={k} className="checkbox">
                <input type="checkbox" checked={f.evidenceKinds.includes(k)} onChange={() => set('evidenceKinds', toggle(f.evidenceKinds, k))} data-testid={`tf-evidence-${k}`} /> {label(EVIDENCE_KIND_LABELS[k])}
              </label>
            ))}
            <FieldError id="tf-evidenceKinds" error={err('evidenceKinds')} />
          </fieldset>
          <fieldset className={`field${err('validity') || err('validityYears') ? ' has-error' : ''}`}>
            <legend>{t('tf.validity')}</legend>
            {VALIDITY.map((v) => (
              <label key={v} className="checkbox">
                <input type="radio" name="validity" checked={f.validity === v} onChange={() => set('validity', v)} data-testid={`tf-validity-${v}`} /> {t(`tf.validity.${v}` as MessageKey)}
              </label>
            ))}
            {f.validity === 'years' && (
              <Field id="tf-validity-years" label={t('tf.validityYears')} error={err('validityYears')}>
                <input id="tf-validity-years" type="number" inputMode="numeric" min={1} max={30} value={f.validityYears} onChange={(e) => set('validityYears', e.target.value)} {...invalid('validityYears')} data-testid="tf-validity-n" />
              </Field>
            )}
            <FieldError id="tf-validity" error={err('validity')} />
          </fieldset>
        </div>
      </fieldset>

      <fieldset className="card">
        <legend>{t('tf.reports')}</legend>
        <div className="field-row">
          <Field id="tf-unit-due" label={t('tf.unitReportDue')} error={err('unitReportDue')} hint={t('tf.dayMonthHint')}>
            <input id="tf-unit-due" value={f.unitReportDue} onChange={(e) => set('unitReportDue', e.target.value)} placeholder="25/11" inputMode="numeric" {...invalid('unitReportDue')} data-testid="tf-unit-due" />
          </Field>
          <Field id="tf-province-due" label={t('tf.provinceReportDue')} error={err('provinceReportDue')} hint={t('tf.dayMonthHint')}>
            <input id="tf-province-due" value={f.provinceReportDue} onChange={(e) => set('provinceReportDue', e.target.value)} placeholder="15/12" inputMode="numeric" {...invalid('provinceReportDue')} data-testid="tf-province-due" />
          </Field>
        </div>
        {id && (
          <label className="checkbox">
            <input type="checkbox" checked={f.active} onChange={(e) => set('active', e.target.checked)} data-testid="tf-active" /> {t('tf.active')}
          </label>
        )}
        {id && !f.active && <p className="small muted">{t('tf.retireHint')}</p>}
      </fieldset>

      <div className="button-row submit-row">
        <button className="button button-primary" disabled={save.isPending} data-testid="tf-save">{save.isPending ? t('common.saving') : t('common.save')}</button>
        <Link className="button" to="/targets">{t('common.cancel')}</Link>
      </div>
    </form>
  );
}
