import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { PERSON_CATEGORIES, PERSON_CATEGORY_LABELS, type PersonCategory } from '@cchc/shared';
import { ErrorMessage, Loading, SuccessMessage } from '../../components/error-message';
import { todayIso } from '../../components/form';
import { useT } from '../../i18n/i18n';
import { UnitSelect } from '../../units/components/unit-select';
import { useAssignments, useCreateAssignment } from '../use-assignments';
import { useCatalogue } from '../use-learning';
import '../learning.css';

function NewAssignment() {
  const { t, label } = useT();
  const courses = useCatalogue({});
  const create = useCreateAssignment();
  const [unitId, setUnitId] = useState('');
  const [categories, setCategories] = useState<PersonCategory[]>([]);
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(false);
    const form = new FormData(event.currentTarget);
    await create.mutateAsync({
      courseId: String(form.get('courseId')),
      unitId: unitId || String(form.get('unitId') ?? ''),
      categories,
      doesCchcWork: form.get('cchc') === 'on' ? true : null,
      isLeader: form.get('leaders') === 'on' ? true : null,
      dueDate: String(form.get('dueDate')),
      note: String(form.get('note') ?? '').trim() || undefined,
    });
    setDone(true);
  };

  return (
    <details className="card" open={false}>
      <summary data-testid="assign-new">{t('assign.new')}</summary>
      <form className="form" onSubmit={(e) => void submit(e)} data-testid="assign-form">
        <div className="field">
          <label htmlFor="assign-course">{t('assign.course')}</label>
          <select id="assign-course" name="courseId" required data-testid="assign-course">
            {(courses.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="assign-unit">{t('assign.unit')}</label>
          <UnitSelect id="assign-unit" name="unitId" value={unitId || undefined} onChange={setUnitId} required testId="assign-unit" />
        </div>
        <fieldset className="field">
          <legend>{t('assign.categories')}</legend>
          {PERSON_CATEGORIES.map((category) => (
            <label key={category} className="checkbox">
              <input
                type="checkbox"
                checked={categories.includes(category)}
                onChange={(e) => setCategories((list) => (e.target.checked ? [...list, category] : list.filter((x) => x !== category)))}
              />
              {label(PERSON_CATEGORY_LABELS[category])}
            </label>
          ))}
          <p className="muted small">{categories.length === 0 && t('assign.allCategories')}</p>
          <label className="checkbox">
            <input type="checkbox" name="cchc" />
            {t('assign.cchc')}
          </label>
          <label className="checkbox">
            <input type="checkbox" name="leaders" />
            {t('assign.leaders')}
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor="assign-due">{t('assign.dueDate')}</label>
          <input id="assign-due" name="dueDate" type="date" min={todayIso()} required data-testid="assign-due" />
        </div>
        <div className="field">
          <label htmlFor="assign-note">{t('assign.note')}</label>
          <input id="assign-note" name="note" maxLength={1000} />
        </div>
        <p className="muted small">{t('assign.audienceRule')}</p>
        <ErrorMessage error={create.error} />
        <SuccessMessage>{done && t('assign.created')}</SuccessMessage>
        <button type="submit" className="button button-primary" disabled={create.isPending} data-testid="assign-submit">
          {t('assign.submit')}
        </button>
      </form>
    </details>
  );
}

export function AssignmentsPage() {
  const { t, formatDate } = useT();
  const assignments = useAssignments();
  return (
    <section className="page" data-testid="assignments-page">
      <h1>{t('assign.title')}</h1>
      <NewAssignment />
      {assignments.isPending && <Loading />}
      <ErrorMessage error={assignments.error} onRetry={() => void assignments.refetch()} />
      {assignments.data?.length === 0 && <p className="empty">{t('assign.empty')}</p>}
      {assignments.data && assignments.data.length > 0 && (
        <div className="table-wrap">
          <table className="table responsive" data-testid="assignments-table">
            <thead>
              <tr>
                <th scope="col">{t('assign.course')}</th>
                <th scope="col">{t('assign.unitName')}</th>
                <th scope="col">{t('assign.dueDate')}</th>
                <th scope="col">{t('assign.status')}</th>
              </tr>
            </thead>
            <tbody>
              {assignments.data.map((a) => (
                <tr key={a.id} data-testid="assignment-row">
                  <td data-label={t('assign.course')} className="cell-title">
                    <Link to={`/assignments/${a.id}`}>{a.courseTitle}</Link>
                    {a.cancelledAt && <span className="badge badge-muted">{t('assign.cancelled')}</span>}
                  </td>
                  <td data-label={t('assign.unitName')}>{a.unitName}</td>
                  <td data-label={t('assign.dueDate')} className="nowrap">
                    {formatDate(a.dueDate)}
                  </td>
                  <td data-label={t('assign.status')}>
                    <span className="badge badge-ok">{a.counts.completed}</span>/ {a.counts.total}
                    {a.counts.overdue > 0 && <span className="badge badge-danger">{a.counts.overdue}</span>}
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
