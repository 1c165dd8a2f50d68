import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { LEARNING_STATUS_LABELS, LEARNING_STATUSES, type LearningStatus } from '@cchc/shared';
import { ErrorMessage, Loading } from '../../components/error-message';
import { Pager } from '../../components/pager';
import { useT } from '../../i18n/i18n';
import { StatusBadge } from '../components/learning-bits';
import { useAssignment, useAssignmentMembers, useCancelAssignment } from '../use-assignments';
import '../learning.css';
import { useConfirm } from '../../components/confirm-dialog';

const PAGE_SIZE = 50;

/** Who in the officer's scope has not started, is learning, has finished or is overdue. */
export function AssignmentPage() {
  const { id = '' } = useParams();
  const { t, label, formatDate } = useT();
  const [status, setStatus] = useState<LearningStatus | undefined>();
  const [page, setPage] = useState(1);
  const assignment = useAssignment(id);
  const members = useAssignmentMembers(id, { status, page, pageSize: PAGE_SIZE });
  const cancel = useCancelAssignment();
  const [askToConfirm, confirmDialog] = useConfirm();

  if (assignment.isPending) return <Loading />;
  if (assignment.error) return <ErrorMessage error={assignment.error} onRetry={() => void assignment.refetch()} />;
  const a = assignment.data;
  const choose = (next?: LearningStatus) => {
    setStatus(next);
    setPage(1);
  };

  return (
    <section className="page" data-testid="assignment-page">
      {confirmDialog}
      <p>
        <Link to="/assignments">{t('assign.back')}</Link>
      </p>
      <h1>{a.courseTitle}</h1>
      <p className="course-meta">
        <span>{a.unitName}</span>
        <span>{t('learning.due', { date: formatDate(a.dueDate) })}</span>
        {a.createdByName && <span>{t('assign.by', { name: a.createdByName })}</span>}
        {a.cancelledAt && <span className="badge badge-muted">{t('assign.cancelled')}</span>}
      </p>
      {a.note && <p>{a.note}</p>}
      <h2>{t('assign.audience')}</h2>
      <div className="status-filters" role="group" aria-label={t('assign.status')}>
        <button type="button" className="button button-small" aria-pressed={!status} onClick={() => choose(undefined)} data-testid="filter-all">
          {t('assign.total')}: {a.counts.total}
        </button>
        {LEARNING_STATUSES.map((s) => (
          <button key={s} type="button" className="button button-small" aria-pressed={status === s} onClick={() => choose(s)} data-testid={`filter-${s}`}>
            {label(LEARNING_STATUS_LABELS[s])}: <strong data-testid={`count-${s}`}>{a.counts[s]}</strong>
          </button>
        ))}
      </div>
      {members.isPending && <Loading />}
      <ErrorMessage error={members.error} />
      {members.data && members.data.items.length === 0 && <p className="empty">{t('common.noResults')}</p>}
      {members.data && members.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="table responsive" data-testid="members-table">
            <thead>
              <tr>
                <th scope="col">{t('assign.person')}</th>
                <th scope="col">{t('assign.unitName')}</th>
                <th scope="col">{t('assign.status')}</th>
                <th scope="col">{t('assign.percent')}</th>
              </tr>
            </thead>
            <tbody>
              {members.data.items.map((m) => (
                <tr key={m.personId} data-testid="member-row">
                  <td data-label={t('assign.person')} className="cell-title">
                    {m.fullName} <span className="muted small">{m.staffCode}</span>
                  </td>
                  <td data-label={t('assign.unitName')}>{m.unitName}</td>
                  <td data-label={t('assign.status')}>
                    <StatusBadge status={m.status} />
                  </td>
                  <td data-label={t('assign.percent')}>{m.completedAt ? formatDate(m.completedAt) : `${m.percent}%`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {members.data && members.data.total > PAGE_SIZE && <Pager page={page} pageSize={PAGE_SIZE} total={members.data.total} onPage={setPage} />}
      {!a.cancelledAt && (
        <p>
          <button type="button" className="button button-danger" onClick={async () => (await askToConfirm({ title: t('assign.confirmCancel'), danger: true })) && cancel.mutate(a.id)} disabled={cancel.isPending}>
            {t('assign.cancel')}
          </button>
        </p>
      )}
      <ErrorMessage error={cancel.error} />
    </section>
  );
}
