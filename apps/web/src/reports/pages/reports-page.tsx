import { useState } from 'react';
import { COVERAGE_STATUS_LABELS } from '@cchc/shared';
import { ErrorMessage, Loading } from '../../components/error-message';
import { useT } from '../../i18n/i18n';
import { Permission } from '@cchc/shared';
import { useCan } from '../../auth/permissions';
import type { ReportParams } from '../api';
import { CertificateSettingsCard } from '../components/certificate-settings-card';
import { useDownloadReport, useReportPreview } from '../use-reports';

/** The yearly report: units send theirs to the Sở Nội vụ, which compiles the province's. */
export function ReportsPage() {
  const { t, label, formatNumber } = useT();
  const thisYear = new Date().getFullYear();
  const [period, setPeriod] = useState<string>(`year:${thisYear - 1}`);
  const [kind, value] = period.split(':');
  const params: ReportParams = kind === 'year' ? { year: Number(value) } : { phase: Number(value) };
  const preview = useReportPreview(params);
  const download = useDownloadReport();
  const canSetSigner = useCan(Permission.TargetsManage);
  const years = Array.from({ length: thisYear - 2018 }, (_, i) => thisYear - i);
  return (
    <section className="page" data-testid="reports-page">
      <h1>{t('reports.title')}</h1>
      <div className="card">
        <div className="toolbar">
          <div className="field">
            <label htmlFor="report-period">{t('reports.period')}</label>
            <select id="report-period" value={period} onChange={(e) => setPeriod(e.target.value)} data-testid="report-period">
              {years.map((y) => <option key={y} value={`year:${y}`}>{t('reports.year', { year: y })}</option>)}
              <option value="phase:1">{t('reports.phase', { phase: 1 })}</option>
              <option value="phase:2">{t('reports.phase', { phase: 2 })}</option>
            </select>
          </div>
          <div className="button-row">
            <button type="button" className="button button-primary" onClick={() => download.mutate({ ...params, format: 'xlsx' })} disabled={download.isPending} data-testid="download-xlsx">
              {t('reports.downloadXlsx')}
            </button>
            <button type="button" className="button" onClick={() => download.mutate({ ...params, format: 'pdf' })} disabled={download.isPending} data-testid="download-pdf">
              {t('reports.downloadPdf')}
            </button>
            <button type="button" className="button" onClick={() => download.mutate({ ...params, format: 'docx' })} disabled={download.isPending} data-testid="download-docx" title={t('reports.docxHint')}>
              {t('reports.downloadDocx')}
            </button>
          </div>
        </div>
        {download.isError && <ErrorMessage error={download.error} />}
      </div>
      {preview.isLoading && <Loading />}
      {preview.isError && <ErrorMessage error={preview.error} />}
      {preview.data && (
        <article className="card" data-testid="report-preview">
          <h2>{preview.data.unitName}</h2>
          <p className="muted">{preview.data.title}</p>
          <div className="table-wrap">
            <table className="table responsive">
              <thead>
                <tr>
                  <th>{t('coverage.target')}</th><th>{t('reports.trained')}</th><th>%</th><th>{t('reports.status')}</th>
                  <th>{t('reports.tests')}</th><th>{t('reports.passRate')}</th><th>{t('reports.average')}</th><th>{t('reports.missing')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.data.sections.map((s) => (
                  <tr key={s.target.id}>
                    <td data-label={t('coverage.target')}>{s.target.name} <span className="small muted">({s.target.legalBasisNumber}, {s.year})</span></td>
                    <td data-label={t('reports.trained')}>{formatNumber(s.total.covered)}/{formatNumber(s.total.eligible)}</td>
                    <td data-label="%">{s.total.pct === null ? '' : `${formatNumber(s.total.pct)}%`}</td>
                    <td data-label={t('reports.status')}>{s.total.status === null ? t('coverage.noEligible') : label(COVERAGE_STATUS_LABELS[s.total.status])}</td>
                    <td data-label={t('reports.tests')}>{formatNumber(s.total.testsTaken)}</td>
                    <td data-label={t('reports.passRate')}>{s.total.passRate === null ? '' : `${formatNumber(s.total.passRate)}%`}</td>
                    <td data-label={t('reports.average')}>{s.total.averageScore === null ? '' : formatNumber(s.total.averageScore)}</td>
                    <td data-label={t('reports.missing')}>{formatNumber(s.missingTotal)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </article>
      )}
      {canSetSigner && <CertificateSettingsCard />}
    </section>
  );
}
