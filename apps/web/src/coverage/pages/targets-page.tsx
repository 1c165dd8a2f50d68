import { EVIDENCE_KIND_LABELS, PERSON_CATEGORY_LABELS, Permission, roleHasPermission, UNIT_LEVEL_LABELS, type PersonCategory, type UnitLevel } from '@cchc/shared';
import { useMutation } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router-dom';
import { api } from '../../api/client';
import { useCurrentUser } from '../../auth/use-me';
import { ErrorMessage, Loading, SuccessMessage } from '../../components/error-message';
import { useT } from '../../i18n/i18n';
import { useTargets } from '../use-coverage';
import '../../i18n/messages/coverage-forms'; // its texts (loaded with this page)

/** The targets in force, with their legal basis and rules; the coordinator can send the reminders now. */
export function TargetsPage() {
  const { t, label, formatDate, formatNumber } = useT();
  const me = useCurrentUser();
  const canManage = roleHasPermission(me.role, Permission.TargetsManage);
  // Managers also see retired targets (to bring one back); everyone else only those in force.
  const targets = useTargets(canManage);
  const saved = (useLocation().state as { saved?: string } | null)?.saved;
  const remind = useMutation({ mutationFn: () => api.post<{ notifications: number; emails: number }>('/reminders/run') });
  return (
    <section className="page" data-testid="targets-page">
      <div className="toolbar">
        <h1>{t('targets.title')}</h1>
        {canManage && (
          <div className="button-row">
            <Link className="button button-primary" to="/targets/new" data-testid="target-new">{t('tf.new')}</Link>
            <button type="button" className="button" onClick={() => remind.mutate()} disabled={remind.isPending} data-testid="send-reminders">{t('targets.remindNow')}</button>
          </div>
        )}
      </div>
      {saved && <SuccessMessage>{t('tf.saved', { name: saved })}</SuccessMessage>}
      {remind.isError && <ErrorMessage error={remind.error} />}
      {remind.data && <SuccessMessage>{t('targets.reminded', { count: remind.data.notifications, emails: remind.data.emails })}</SuccessMessage>}
      {targets.isLoading && <Loading />}
      {targets.isError && <ErrorMessage error={targets.error} />}
      {targets.data?.map((x) => (
        <article key={x.id} className={`card${x.active ? '' : ' is-retired'}`} data-testid="target-card" data-code={x.code}>
          <div className="page-header">
            <h2>
              {x.name} {!x.active && <span className="badge badge-muted" data-testid="target-retired">{t('tf.retired')}</span>}
              {x.coverageBuild && <span className="badge badge-muted" data-testid="target-building" role="status">{t('tf.building', { pct: x.coverageBuild.pct })}</span>}
            </h2>
            {canManage && <Link className="button button-small" to={`/targets/${x.id}/edit`} data-testid="target-edit">{t('tf.edit')}</Link>}
          </div>
          <dl className="details">
            <dt>{t('targets.basis')}</dt><dd>{x.legalBasisNumber} ({formatDate(x.legalBasisDate)})</dd>
            <dt>{t('targets.topic')}</dt><dd>{x.topicName}</dd>
            <dt>{t('targets.threshold')}</dt><dd>{formatNumber(x.thresholdPct)}% {x.kind === 'units' ? t('targets.ofUnits', { levels: x.audience.unitLevels.map((l) => label(UNIT_LEVEL_LABELS[l as UnitLevel])).join(', ') }) : t('targets.ofPeople')} · {t('targets.deadline')} {formatDate(x.deadline)}</dd>
            <dt>{t('targets.audience')}</dt>
            <dd>
              {x.audience.categories.length ? x.audience.categories.map((c) => label(PERSON_CATEGORY_LABELS[c as PersonCategory])).join(', ') : t('common.all')}
              {x.audience.doesCchcWork && ` · ${t('targets.cchcStaff')}`}
              {x.audience.isLeader && ` · ${t('targets.leaders')}`}
            </dd>
            <dt>{t('targets.evidence')}</dt><dd>{x.evidenceKinds.map((k) => label(EVIDENCE_KIND_LABELS[k])).join(', ')} · {t(`targets.validity.${x.validity}`, { n: x.validityYears })}</dd>
            <dt>{t('targets.phases')}</dt><dd>{x.phases.map((p) => `${p.name} (${p.review === 'final' ? t('targets.final') : t('targets.interim')})`).join('; ') || '—'}</dd>
            <dt>{t('targets.reports')}</dt><dd>{t('targets.reportDue', { unit: x.unitReportDue ? x.unitReportDue.split('-').reverse().join('/') : '—', province: x.provinceReportDue ? x.provinceReportDue.split('-').reverse().join('/') : '—' })}</dd>
          </dl>
        </article>
      ))}
    </section>
  );
}
