import { useState, type FormEvent } from 'react';
import {
  DEFAULT_BANDS,
  DIFFICULTY_LABELS,
  Difficulty,
  PERSON_CATEGORIES,
  PERSON_CATEGORY_LABELS,
  validateBandRows,
  type BlueprintCheckDto,
  type BlueprintLine,
  type PersonCategory,
} from '@cchc/shared';
import { ApiError } from '../../api/client';
import { ErrorMessage } from '../../components/error-message';
import { useT, type MessageKey } from '../../i18n/i18n';
import { UnitSelect } from '../../units/components/unit-select';
import { checkBlueprint } from '../api';
import { useTopics } from '../../topics/use-topics';
import { useCreateRound } from '../use-tests';
import '../assessment.css';

const localInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

type Flag = '' | 'yes' | 'no';
const flagValue = (f: FormDataEntryValue | null): boolean | null => (f === 'yes' ? true : f === 'no' ? false : null);

interface BandRow {
  label: string;
  min: string;
}

/** The problems the form can see before asking the server (the server checks everything again). */
function formProblems(form: FormData, lines: BlueprintLine[], bands: BandRow[]): string[] {
  const problems: string[] = [];
  const opens = Date.parse(String(form.get('opensAt')));
  const closes = Date.parse(String(form.get('closesAt')));
  if (!(closes > opens)) problems.push('Thời điểm đóng phải sau thời điểm mở kỳ kiểm tra.');
  if (!lines.some((l) => l.topicId && l.count > 0)) problems.push('Ma trận đề cần ít nhất một dòng có chủ đề và số câu lớn hơn 0.');
  problems.push(...validateBandRows(bands.map((b) => ({ label: b.label, min: b.min.trim() === '' ? NaN : Number(b.min) }))));
  return problems;
}

/** The server's refusal of a blueprint the bank cannot fill, line by line. */
function Shortfalls({ error }: { error: unknown }) {
  const { t, label } = useT();
  if (!(error instanceof ApiError) || error.code !== 'BLUEPRINT_UNSATISFIABLE') return null;
  const list = (error.details as { shortfalls?: { topicName: string; difficulty: Difficulty; needed: number; available: number }[] } | undefined)?.shortfalls ?? [];
  if (!list.length) return null;
  return (
    <div className="alert alert-error" role="alert" data-testid="round-shortfalls">
      <div>
        <strong>{t('rounds.shortfall')}</strong>
        <ul>
          {list.map((s, i) => (
            <li key={i}>
              {t('rounds.shortfallLine', { topic: s.topicName, difficulty: label(DIFFICULTY_LABELS[s.difficulty]).toLowerCase(), needed: s.needed, available: s.available })}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** Everything the API takes for a round: window, audience, blueprint (checked against the bank as typed), rules, bands, what follows. */
export function RoundForm({ onDone }: { onDone: () => void }) {
  const { t, label } = useT();
  const topics = useTopics();
  const create = useCreateRound();
  const [lines, setLines] = useState<BlueprintLine[]>([]);
  const [check, setCheck] = useState<BlueprintCheckDto | null>(null);
  const [checkError, setCheckError] = useState<unknown>(null);
  const [unitId, setUnitId] = useState('');
  const [categories, setCategories] = useState<PersonCategory[]>([]);
  const [bands, setBands] = useState<BandRow[]>(DEFAULT_BANDS.map((b) => ({ label: b.label, min: String(b.min) })));
  const [remedialAuto, setRemedialAuto] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);

  const updateLines = (next: BlueprintLine[]) => {
    setLines(next);
    setCheck(null);
    setCheckError(null);
    const valid = next.filter((l) => l.topicId && l.count > 0);
    if (!valid.length) return;
    checkBlueprint(valid).then(setCheck, setCheckError);
  };
  const availability = (l: BlueprintLine) => check?.lines.find((x) => x.topicId === l.topicId && x.difficulty === l.difficulty);
  const setBand = (i: number, patch: Partial<BandRow>) => setBands((list) => list.map((b, j) => (j === i ? { ...b, ...patch } : b)));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const publishNow = (event.nativeEvent as SubmitEvent).submitter?.getAttribute('value') === 'publish';
    const found = formProblems(form, lines, bands);
    setProblems(found);
    if (found.length) return;
    const body = {
      name: String(form.get('name') ?? ''),
      opensAt: new Date(String(form.get('opensAt'))).toISOString(),
      closesAt: new Date(String(form.get('closesAt'))).toISOString(),
      blueprint: lines.filter((l) => l.topicId && l.count > 0),
      audience: {
        unitId: unitId || null,
        categories,
        doesCchcWork: flagValue(form.get('doesCchcWork')),
        isLeader: flagValue(form.get('isLeader')),
      },
      timeLimitMinutes: Number(form.get('timeLimit')),
      attemptsAllowed: Number(form.get('attempts')),
      counting: form.get('counting'),
      passMark: Number(form.get('passMark')),
      bands: bands.map((b) => ({ label: b.label.trim(), min: Number(b.min) })),
      reviewMode: form.get('reviewMode'),
      recurrence: form.get('recurrence') || null,
      shuffleQuestions: form.get('shuffleQuestions') === 'on',
      shuffleOptions: form.get('shuffleOptions') === 'on',
      recommendBelow: Number(form.get('recommendBelow')),
      commendation: { minScore: Number(form.get('commendMin')), topPerUnit: Number(form.get('commendTop')) },
      remedial: { auto: remedialAuto, dueDays: Number(form.get('remedialDays') ?? 14) },
    };
    create.mutate({ body, publish: publishNow }, { onSuccess: onDone });
  };

  const now = new Date();
  return (
    <form className="card round-form" onSubmit={onSubmit} data-testid="round-form">
      <fieldset>
        <legend>{t('rounds.section.basics')}</legend>
        <div className="filter-grid">
          <div className="field grow">
            <label htmlFor="round-name">{t('rounds.name')}</label>
            <input id="round-name" name="name" required minLength={3} maxLength={200} data-testid="round-name" />
          </div>
          <div className="field">
            <label htmlFor="round-opens">{t('rounds.opensAt')}</label>
            <input id="round-opens" name="opensAt" type="datetime-local" required defaultValue={localInput(now)} data-testid="round-opens" />
          </div>
          <div className="field">
            <label htmlFor="round-closes">{t('rounds.closesAt')}</label>
            <input id="round-closes" name="closesAt" type="datetime-local" required defaultValue={localInput(new Date(now.getTime() + 14 * 86_400_000))} data-testid="round-closes" />
          </div>
          <div className="field">
            <label htmlFor="round-recurrence">{t('rounds.recurrence')}</label>
            <select id="round-recurrence" name="recurrence" defaultValue="">
              <option value="">{t('rounds.recurrence.none')}</option>
              {(['quarterly', 'half_yearly', 'yearly'] as const).map((m) => (
                <option key={m} value={m}>
                  {t(`rounds.recurrence.${m}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
        </div>
      </fieldset>

      <fieldset data-testid="round-audience">
        <legend>{t('rounds.section.audience')}</legend>
        <div className="filter-grid">
          <div className="field">
            <label htmlFor="round-unit">{t('rounds.audience.unit')}</label>
            <UnitSelect id="round-unit" value={unitId} onChange={setUnitId} emptyLabel={t('rounds.wholeProvince')} testId="round-unit" />
          </div>
          <div className="field">
            <label htmlFor="round-cchc">{t('rounds.audience.cchc')}</label>
            <select id="round-cchc" name="doesCchcWork" defaultValue={'' satisfies Flag} data-testid="round-cchc">
              <option value="">{t('rounds.audience.any')}</option>
              <option value="yes">{t('rounds.audience.yes')}</option>
              <option value="no">{t('rounds.audience.no')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="round-leader">{t('rounds.audience.leader')}</label>
            <select id="round-leader" name="isLeader" defaultValue={'' satisfies Flag} data-testid="round-leader">
              <option value="">{t('rounds.audience.any')}</option>
              <option value="yes">{t('rounds.audience.yes')}</option>
              <option value="no">{t('rounds.audience.no')}</option>
            </select>
          </div>
        </div>
        <div className="field">
          <span className="field-label">{t('rounds.audience.categories')}</span>
          <div className="check-row">
            {PERSON_CATEGORIES.map((category) => (
              <label key={category} className="checkbox">
                <input
                  type="checkbox"
                  checked={categories.includes(category)}
                  onChange={(e) => setCategories((list) => (e.target.checked ? [...list, category] : list.filter((x) => x !== category)))}
                  data-testid={`round-category-${category}`}
                />
                {label(PERSON_CATEGORY_LABELS[category])}
              </label>
            ))}
          </div>
          {categories.length === 0 && <p className="muted small">{t('rounds.audience.allCategories')}</p>}
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('rounds.blueprint')}</legend>
        <div className="table-wrap">
          <table className="table responsive" data-testid="blueprint-editor">
            <thead>
              <tr>
                <th>{t('rounds.topic')}</th>
                <th>{t('rounds.difficulty')}</th>
                <th>{t('rounds.count')}</th>
                <th>{t('rounds.available')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {lines.map((l, i) => {
                const a = availability(l);
                return (
                  <tr key={i} data-testid="blueprint-line">
                    <td data-label={t('rounds.topic')}>
                      <select value={l.topicId} onChange={(e) => updateLines(lines.map((x, j) => (j === i ? { ...x, topicId: e.target.value } : x)))} aria-label={t('rounds.topic')}>
                        <option value="">—</option>
                        {topics.data?.map((tp) => (
                          <option key={tp.id} value={tp.id}>
                            {tp.name}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td data-label={t('rounds.difficulty')}>
                      <select value={l.difficulty} onChange={(e) => updateLines(lines.map((x, j) => (j === i ? { ...x, difficulty: e.target.value as Difficulty } : x)))} aria-label={t('rounds.difficulty')}>
                        {Object.values(Difficulty).map((d) => (
                          <option key={d} value={d}>
                            {label(DIFFICULTY_LABELS[d])}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td data-label={t('rounds.count')}>
                      <input type="number" min={0} max={200} value={l.count} onChange={(e) => updateLines(lines.map((x, j) => (j === i ? { ...x, count: Number(e.target.value) } : x)))} aria-label={t('rounds.count')} />
                    </td>
                    <td data-label={t('rounds.available')} data-testid="blueprint-available">
                      {a ? (
                        <span className={a.missing ? 'text-danger' : 'text-ok'}>
                          {a.available}
                          {a.missing > 0 && ` (${t('rounds.missing', { n: a.missing })})`}
                        </span>
                      ) : (
                        <span>—</span>
                      )}
                    </td>
                    <td data-label="">
                      <button type="button" className="button button-small button-ghost" onClick={() => updateLines(lines.filter((_, j) => j !== i))}>
                        {t('rounds.removeLine')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p>
          <button type="button" className="button button-small" onClick={() => updateLines([...lines, { topicId: topics.data?.[0]?.id ?? '', difficulty: Difficulty.Easy, count: 5 }])} data-testid="blueprint-add">
            {t('rounds.addLine')}
          </button>
        </p>
      </fieldset>

      <fieldset>
        <legend>{t('rounds.section.rules')}</legend>
        <div className="filter-grid">
          <div className="field">
            <label htmlFor="round-time">{t('rounds.timeLimit')}</label>
            <input id="round-time" name="timeLimit" type="number" min={1} max={600} required defaultValue={30} />
          </div>
          <div className="field">
            <label htmlFor="round-attempts">{t('rounds.attempts')}</label>
            <input id="round-attempts" name="attempts" type="number" min={1} max={20} required defaultValue={2} data-testid="round-attempts" />
          </div>
          <div className="field">
            <label htmlFor="round-counting">{t('rounds.counting')}</label>
            <select id="round-counting" name="counting" defaultValue="highest" data-testid="round-counting">
              <option value="highest">{t('rounds.counting.highest')}</option>
              <option value="last">{t('rounds.counting.last')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="round-pass">{t('rounds.passMark')}</label>
            <input id="round-pass" name="passMark" type="number" min={0} max={10} step={0.5} required defaultValue={5} data-testid="round-pass" />
          </div>
          <div className="field">
            <label htmlFor="round-review">{t('rounds.review')}</label>
            <select id="round-review" name="reviewMode" defaultValue="topics" data-testid="round-review">
              {(['score', 'topics', 'full'] as const).map((m) => (
                <option key={m} value={m}>
                  {t(`rounds.review.${m}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <label className="checkbox">
          <input type="checkbox" name="shuffleQuestions" defaultChecked data-testid="round-shuffle-questions" /> {t('rounds.shuffleQuestions')}
        </label>
        <label className="checkbox">
          <input type="checkbox" name="shuffleOptions" defaultChecked data-testid="round-shuffle-options" /> {t('rounds.shuffleOptions')}
        </label>
      </fieldset>

      <fieldset data-testid="round-bands">
        <legend>{t('rounds.section.bands')}</legend>
        <p className="muted small">{t('rounds.band.hint')}</p>
        {bands.map((b, i) => (
          <div key={i} className="band-row" data-testid="band-row">
            <div className="field">
              <label htmlFor={`band-label-${i}`}>{t('rounds.band.label')}</label>
              <input id={`band-label-${i}`} value={b.label} maxLength={30} onChange={(e) => setBand(i, { label: e.target.value })} data-testid="band-label" />
            </div>
            <div className="field">
              <label htmlFor={`band-min-${i}`}>{t('rounds.band.min')}</label>
              <input id={`band-min-${i}`} type="number" inputMode="decimal" min={0} max={10} step={0.1} value={b.min} onChange={(e) => setBand(i, { min: e.target.value })} data-testid="band-min" />
            </div>
            <button type="button" className="button button-small button-ghost" disabled={bands.length === 1} onClick={() => setBands((list) => list.filter((_, j) => j !== i))}>
              {t('rounds.band.remove')}
            </button>
          </div>
        ))}
        <div className="button-row">
          <button type="button" className="button button-small" onClick={() => setBands((list) => [...list, { label: '', min: '0' }])} data-testid="band-add">
            {t('rounds.band.add')}
          </button>
          <button type="button" className="button button-small button-ghost" onClick={() => setBands(DEFAULT_BANDS.map((x) => ({ label: x.label, min: String(x.min) })))}>
            {t('rounds.band.reset')}
          </button>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('rounds.section.after')}</legend>
        <div className="filter-grid">
          <div className="field">
            <label htmlFor="round-recommend">{t('rounds.recommendBelow')}</label>
            <input id="round-recommend" name="recommendBelow" type="number" min={0} max={10} step={0.5} required defaultValue={5} data-testid="round-recommend" />
          </div>
          <div className="field">
            <label htmlFor="round-commend-min">{t('rounds.commendMin')}</label>
            <input id="round-commend-min" name="commendMin" type="number" min={0} max={10} step={0.5} required defaultValue={9} />
          </div>
          <div className="field">
            <label htmlFor="round-commend-top">{t('rounds.commendTop')}</label>
            <input id="round-commend-top" name="commendTop" type="number" min={1} max={100} required defaultValue={3} />
          </div>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={remedialAuto} onChange={(e) => setRemedialAuto(e.target.checked)} data-testid="round-remedial" /> {t('rounds.remedialAuto')}
        </label>
        {remedialAuto && (
          <div className="field narrow-field">
            <label htmlFor="round-remedial-days">{t('rounds.remedialDays')}</label>
            <input id="round-remedial-days" name="remedialDays" type="number" min={1} max={180} required defaultValue={14} data-testid="round-remedial-days" />
          </div>
        )}
      </fieldset>

      {problems.length > 0 && (
        <div className="alert alert-error" role="alert" data-testid="round-form-errors">
          <div>
            <strong>{t('rounds.fixErrors')}</strong>
            <ul>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
      <ErrorMessage error={create.error ?? checkError} />
      <Shortfalls error={create.error} />
      <div className="button-row">
        <button type="submit" name="action" value="draft" className="button" disabled={create.isPending} data-testid="round-save-draft">
          {t('rounds.create')}
        </button>
        <button type="submit" name="action" value="publish" className="button button-primary" disabled={create.isPending || (check !== null && !check.ok)} data-testid="round-publish">
          {t('rounds.publish')}
        </button>
        <button type="button" className="button button-ghost" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
