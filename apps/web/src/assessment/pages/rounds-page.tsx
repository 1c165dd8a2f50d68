import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { DIFFICULTY_LABELS, Difficulty, Permission, roleHasPermission, type BlueprintCheckDto, type BlueprintLine } from '@cchc/shared';
import { ErrorMessage, Loading } from '../../components/error-message';
import { useCurrentUser } from '../../auth/use-me';
import { useT, type MessageKey } from '../../i18n/i18n';
import { checkBlueprint } from '../api';
import { useCreateRound, usePublishRound, useRounds, useTopics } from '../use-tests';

const localInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** Coordinators author rounds (blueprint checked against the bank as it is edited); unit officers pick one to see results. */
export function RoundsPage() {
  const { t, formatDateTime } = useT();
  const me = useCurrentUser();
  const canManage = roleHasPermission(me.role, Permission.TestRoundsManage);
  const rounds = useRounds();
  const publish = usePublishRound();
  const [creating, setCreating] = useState(false);

  return (
    <section className="page" data-testid="rounds-page">
      <div className="page-header">
        <h1>{t('rounds.title')}</h1>
        {canManage && !creating && (
          <button type="button" className="button button-primary" onClick={() => setCreating(true)} data-testid="round-new">
            {t('rounds.new')}
          </button>
        )}
      </div>
      {creating && <RoundForm onDone={() => setCreating(false)} />}
      {rounds.isLoading && <Loading />}
      <ErrorMessage error={rounds.error ?? publish.error} />
      {rounds.data?.length === 0 && <p className="muted">{t('rounds.empty')}</p>}
      {!!rounds.data?.length && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t('rounds.name')}</th>
                <th>{t('rounds.opensAt')}</th>
                <th>{t('rounds.closesAt')}</th>
                <th>{t('rounds.blueprint')}</th>
                <th>{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rounds.data.map((r) => (
                <tr key={r.id} data-testid="round-row">
                  <td>
                    {r.name} <span className="badge badge-muted">{t(`tests.phase.${r.phase}` as MessageKey)}</span>
                  </td>
                  <td>{formatDateTime(r.opensAt)}</td>
                  <td>{formatDateTime(r.closesAt)}</td>
                  <td>{t('rounds.questions', { n: r.questionCount })}</td>
                  <td className="button-row">
                    {r.phase !== 'draft' && (
                      <Link className="button button-small" to={`/test-rounds/${r.id}`} data-testid="round-results-link">
                        {t('rounds.results')}
                      </Link>
                    )}
                    {canManage && r.phase === 'draft' && (
                      <button type="button" className="button button-small" onClick={() => publish.mutate(r.id)}>
                        {t('rounds.publish')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function RoundForm({ onDone }: { onDone: () => void }) {
  const { t, label } = useT();
  const topics = useTopics();
  const create = useCreateRound();
  const [lines, setLines] = useState<BlueprintLine[]>([]);
  const [check, setCheck] = useState<BlueprintCheckDto | null>(null);
  const [checkError, setCheckError] = useState<unknown>(null);

  const updateLines = (next: BlueprintLine[]) => {
    setLines(next);
    setCheck(null);
    const valid = next.filter((l) => l.topicId && l.count > 0);
    if (!valid.length) return;
    checkBlueprint(valid).then(setCheck, setCheckError);
  };
  const availability = (l: BlueprintLine) => check?.lines.find((x) => x.topicId === l.topicId && x.difficulty === l.difficulty);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const publishNow = (event.nativeEvent as SubmitEvent).submitter?.getAttribute('value') === 'publish';
    const body = {
      name: String(form.get('name') ?? ''),
      opensAt: new Date(String(form.get('opensAt'))).toISOString(),
      closesAt: new Date(String(form.get('closesAt'))).toISOString(),
      blueprint: lines.filter((l) => l.topicId && l.count > 0),
      timeLimitMinutes: Number(form.get('timeLimit')),
      attemptsAllowed: Number(form.get('attempts')),
      counting: form.get('counting'),
      passMark: Number(form.get('passMark')),
      reviewMode: form.get('reviewMode'),
      recurrence: form.get('recurrence') || null,
      shuffleQuestions: form.get('shuffle') === 'on',
      shuffleOptions: form.get('shuffle') === 'on',
      audience: { doesCchcWork: form.get('cchcOnly') === 'on' ? true : null },
    };
    create.mutate({ body, publish: publishNow }, { onSuccess: onDone });
  };

  const now = new Date();
  return (
    <form className="card" onSubmit={onSubmit} data-testid="round-form">
      <div className="filter-grid">
        <div className="field grow">
          <label htmlFor="round-name">{t('rounds.name')}</label>
          <input id="round-name" name="name" required minLength={3} maxLength={200} data-testid="round-name" />
        </div>
        <div className="field">
          <label htmlFor="round-opens">{t('rounds.opensAt')}</label>
          <input id="round-opens" name="opensAt" type="datetime-local" required defaultValue={localInput(now)} />
        </div>
        <div className="field">
          <label htmlFor="round-closes">{t('rounds.closesAt')}</label>
          <input id="round-closes" name="closesAt" type="datetime-local" required defaultValue={localInput(new Date(now.getTime() + 14 * 86_400_000))} />
        </div>
        <div className="field">
          <label htmlFor="round-time">{t('rounds.timeLimit')}</label>
          <input id="round-time" name="timeLimit" type="number" min={1} max={600} defaultValue={30} />
        </div>
        <div className="field">
          <label htmlFor="round-attempts">{t('rounds.attempts')}</label>
          <input id="round-attempts" name="attempts" type="number" min={1} max={20} defaultValue={2} />
        </div>
        <div className="field">
          <label htmlFor="round-counting">{t('rounds.counting')}</label>
          <select id="round-counting" name="counting" defaultValue="highest">
            <option value="highest">{t('rounds.counting.highest')}</option>
            <option value="last">{t('rounds.counting.last')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="round-pass">{t('rounds.passMark')}</label>
          <input id="round-pass" name="passMark" type="number" min={0} max={10} step={0.5} defaultValue={5} />
        </div>
        <div className="field">
          <label htmlFor="round-review">{t('rounds.review')}</label>
          <select id="round-review" name="reviewMode" defaultValue="topics">
            {(['score', 'topics', 'full'] as const).map((m) => (
              <option key={m} value={m}>
                {t(`rounds.review.${m}` as MessageKey)}
              </option>
            ))}
          </select>
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
        <label className="field-row">
          <input type="checkbox" name="shuffle" defaultChecked /> {t('rounds.shuffle')}
        </label>
        <label className="field-row">
          <input type="checkbox" name="cchcOnly" /> {t('rounds.cchcOnly')}
        </label>
      </div>
      <h2>{t('rounds.blueprint')}</h2>
      <table className="table" data-testid="blueprint-editor">
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
                <td>
                  <select value={l.topicId} onChange={(e) => updateLines(lines.map((x, j) => (j === i ? { ...x, topicId: e.target.value } : x)))} aria-label={t('rounds.topic')}>
                    <option value="">—</option>
                    {topics.data?.map((tp) => (
                      <option key={tp.id} value={tp.id}>
                        {tp.name}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <select value={l.difficulty} onChange={(e) => updateLines(lines.map((x, j) => (j === i ? { ...x, difficulty: e.target.value as Difficulty } : x)))} aria-label={t('rounds.difficulty')}>
                    {Object.values(Difficulty).map((d) => (
                      <option key={d} value={d}>
                        {label(DIFFICULTY_LABELS[d])}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input type="number" min={0} max={200} value={l.count} onChange={(e) => updateLines(lines.map((x, j) => (j === i ? { ...x, count: Number(e.target.value) } : x)))} aria-label={t('rounds.count')} />
                </td>
                <td data-testid="blueprint-available">
                  {a ? (
                    <span className={a.missing ? 'text-danger' : 'text-ok'}>
                      {a.available}
                      {a.missing > 0 && ` (${t('rounds.missing', { n: a.missing })})`}
                    </span>
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  <button type="button" className="button button-small button-ghost" onClick={() => updateLines(lines.filter((_, j) => j !== i))}>
                    {t('rounds.removeLine')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p>
        <button type="button" className="button button-small" onClick={() => updateLines([...lines, { topicId: topics.data?.[0]?.id ?? '', difficulty: Difficulty.Easy, count: 5 }])} data-testid="blueprint-add">
          {t('rounds.addLine')}
        </button>
      </p>
      <ErrorMessage error={create.error ?? checkError} />
      <div className="button-row">
        <button type="submit" name="action" value="draft" className="button" disabled={create.isPending}>
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
