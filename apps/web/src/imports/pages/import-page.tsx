import { useState, type ChangeEvent } from 'react';
import { Link } from 'react-router-dom';
import { Permission, roleHasPermission, STAFF_IMPORT_COLUMNS, STAFF_IMPORT_MAX_ROWS, type ImportReportDto, type ImportRowPreviewDto } from '@cchc/shared';
import { ApiError } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/error-message';
import { useT, type MessageKey } from '../../i18n/i18n';
import { IMPORT_HAS_ERRORS, isImportReport } from '../api';
import { useCommitImport, useDownloadImportTemplate, useDryRunImport } from '../use-import';
import { HandoutDownloads } from '../../accounts/components/handout-downloads';
import { useCurrentUser } from '../../auth/use-me';

const PREVIEW_LIMIT = 500;

const ACTION_KEYS: Record<ImportRowPreviewDto['action'], MessageKey> = {
  create: 'import.action.create',
  update: 'import.action.update',
  unchanged: 'import.action.unchanged',
  error: 'import.action.error',
};

export function ImportPage() {
  const { t } = useT();
  const template = useDownloadImportTemplate();
  const dryRun = useDryRunImport();
  const commit = useCommitImport();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReportDto | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const canCreateAccounts = roleHasPermission(useCurrentUser().role, Permission.PeopleWrite);
  const [createAccounts, setCreateAccounts] = useState(false);

  // A commit refused for errors carries the fresh report: show it as if it were a dry run.
  const rejected =
    commit.error instanceof ApiError && commit.error.code === IMPORT_HAS_ERRORS && isImportReport(commit.error.details)
      ? commit.error.details
      : null;
  const shownReport = rejected ?? report;
  const committed = commit.isSuccess ? commit.data : null;
  const canCommit = Boolean(file && report && report.problems.length === 0 && !rejected && !committed);

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    setFile(event.target.files?.[0] ?? null);
    setReport(null);
    dryRun.reset();
    commit.reset();
  };

  const runDryRun = () => {
    if (!file) return;
    commit.reset();
    dryRun.mutate({ file, options: { createAccounts } }, { onSuccess: setReport });
  };

  const startOver = () => {
    setFile(null);
    setReport(null);
    dryRun.reset();
    commit.reset();
    setInputKey((key) => key + 1);
  };

  return (
    <section className="page" data-testid="import-page">
      <h1>{t('import.title')}</h1>
      <p className="muted">{t('import.intro')}</p>

      <ol className="steps">
        <li className="card step">
          <h2>{t('import.step1')}</h2>
          <p>{t('import.step1Help')}</p>
          <button
            type="button"
            className="button"
            onClick={() => template.mutate()}
            disabled={template.isPending}
            data-testid="import-template"
          >
            ⤓ {t('import.downloadTemplate')}
          </button>
          <ErrorMessage error={template.error} />
          <ColumnGuide />
        </li>

        <li className="card step">
          <h2>{t('import.step2')}</h2>
          <div className="field">
            <label htmlFor="import-file">{t('import.file')}</label>
            <input
              key={inputKey}
              id="import-file"
              type="file"
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              onChange={onFile}
              disabled={commit.isPending}
              data-testid="import-file"
            />
          </div>
          {file && <p className="muted">{t('import.chosen', { name: file.name })}</p>}
          {canCreateAccounts && (
            <div className="field">
              <label className="inline-check">
                <input
                  type="checkbox"
                  checked={createAccounts}
                  disabled={commit.isPending || !!committed}
                  onChange={(e) => {
                    // The check depends on the option (account problems are problems): check the file again.
                    setCreateAccounts(e.target.checked);
                    setReport(null);
                    dryRun.reset();
                    commit.reset();
                  }}
                  data-testid="import-create-accounts"
                />{' '}
                {t('import.createAccounts')}
              </label>
              <p className="muted small">{t('import.createAccountsHelp')}</p>
            </div>
          )}
        </li>

        <li className="card step">
          <h2>{t('import.step3')}</h2>
          <button
            type="button"
            className="button button-primary"
            onClick={runDryRun}
            disabled={!file || dryRun.isPending || commit.isPending}
            data-testid="import-dry-run"
          >
            {dryRun.isPending ? t('import.checking') : t('import.dryRun')}
          </button>
          {!file && <p className="muted small">{t('import.chooseFirst')}</p>}
          {dryRun.isPending && <Loading />}
          <ErrorMessage error={dryRun.error} />
          {rejected && (
            <div className="alert alert-error" role="alert">
              {t('import.rejected')}
            </div>
          )}
          {shownReport && <ImportReport report={shownReport} />}
        </li>

        <li className="card step">
          <h2>{t('import.step4')}</h2>
          {committed ? (
            <div data-testid="import-result">
              <div className="alert alert-success" role="status">
                {t('import.done', { file: committed.fileName, created: committed.toCreate, updated: committed.toUpdate })}
              </div>
              {committed.handout && (
                <div data-testid="import-handout">
                  <p>{t('import.accountsCreated', { n: committed.handout.accounts })}</p>
                  <HandoutDownloads handout={committed.handout} />
                </div>
              )}
              {committed.handout === null && <p className="muted">{t('import.noAccountsCreated')}</p>}
              <div className="button-row">
                <Link to="/people" className="button">
                  {t('nav.people')}
                </Link>
                <button type="button" className="button" onClick={startOver} data-testid="import-again">
                  {t('import.again')}
                </button>
              </div>
            </div>
          ) : (
            <>
              <button
                type="button"
                className="button button-primary"
                onClick={() => file && commit.mutate({ file, options: { createAccounts } })}
                disabled={!canCommit || commit.isPending}
                data-testid="import-commit"
              >
                {commit.isPending ? t('import.committing') : t('import.commit')}
              </button>
              {!canCommit && <p className="muted small">{t('import.commitHint')}</p>}
              {!rejected && <ErrorMessage error={commit.error} />}
            </>
          )}
        </li>
      </ol>
    </section>
  );
}

/** The same column rules the server validates with (libs/shared staff-import). */
function ColumnGuide() {
  const { t, formatNumber } = useT();
  return (
    <details className="preview">
      <summary>{t('import.columnsGuide')}</summary>
      <p className="muted small">{t('import.maxRows', { count: formatNumber(STAFF_IMPORT_MAX_ROWS) })}</p>
      <div className="table-wrap">
        <table className="table responsive" data-testid="import-column-guide">
          <thead>
            <tr>
              <th scope="col">{t('import.columnHeader')}</th>
              <th scope="col">{t('import.columnRequired')}</th>
              <th scope="col">{t('import.columnDescription')}</th>
            </tr>
          </thead>
          <tbody>
            {STAFF_IMPORT_COLUMNS.map((column) => (
              <tr key={column.key}>
                <td data-label={t('import.columnHeader')} className="cell-title nowrap">
                  {column.header}
                </td>
                <td data-label={t('import.columnRequired')}>{column.required ? t('common.yes') : t('common.no')}</td>
                <td data-label={t('import.columnDescription')}>{column.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function ImportReport({ report }: { report: ImportReportDto }) {
  const { t, formatNumber } = useT();
  const problemRows = new Set(report.problems.map((problem) => problem.row));
  const preview = report.rows.slice(0, PREVIEW_LIMIT);
  const hasProblems = report.problems.length > 0;

  return (
    <div className="import-report" data-testid="import-report">
      <dl className="stats">
        <div>
          <dt>{t('import.totalRows')}</dt>
          <dd data-testid="import-total">{formatNumber(report.totalRows)}</dd>
        </div>
        <div>
          <dt>{t('import.toCreate')}</dt>
          <dd data-testid="import-to-create">{formatNumber(report.toCreate)}</dd>
        </div>
        <div>
          <dt>{t('import.toUpdate')}</dt>
          <dd data-testid="import-to-update">{formatNumber(report.toUpdate)}</dd>
        </div>
        <div>
          <dt>{t('import.unchanged')}</dt>
          <dd>{formatNumber(report.unchanged)}</dd>
        </div>
        {report.accountsToCreate !== undefined && (
          <div>
            <dt>{t('import.accountsToCreate')}</dt>
            <dd data-testid="import-accounts-to-create">{formatNumber(report.accountsToCreate)}</dd>
          </div>
        )}
        <div className={hasProblems ? 'is-bad' : 'is-good'}>
          <dt>{t('import.problemCount')}</dt>
          <dd data-testid="import-problem-count">{formatNumber(report.problems.length)}</dd>
        </div>
      </dl>

      {hasProblems ? (
        <>
          <h3>{t('import.problemsTitle', { count: report.problems.length })}</h3>
          <p>{t('import.problemsHelp')}</p>
          <div className="table-wrap">
            <table className="table responsive problems" data-testid="import-problems">
              <thead>
                <tr>
                  <th scope="col">{t('import.row')}</th>
                  <th scope="col">{t('import.column')}</th>
                  <th scope="col">{t('import.message')}</th>
                </tr>
              </thead>
              <tbody>
                {report.problems.map((problem, index) => (
                  <tr key={`${problem.row}-${problem.column ?? ''}-${problem.code}-${index}`} className="is-problem" data-testid="import-problem">
                    <td data-label={t('import.row')} className="code">
                      {problem.row}
                    </td>
                    <td data-label={t('import.column')}>{problem.column ?? '—'}</td>
                    <td data-label={t('import.message')}>{problem.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <div className="alert alert-success" role="status" data-testid="import-valid">
          {t('import.noProblems')}
        </div>
      )}

      {report.rows.length > 0 && (
        <details className="preview" open>
          <summary>{t('import.preview', { count: report.rows.length })}</summary>
          {report.rows.length > PREVIEW_LIMIT && (
            <p className="muted small">{t('import.previewLimited', { shown: PREVIEW_LIMIT, total: report.rows.length })}</p>
          )}
          <div className="table-wrap">
            <table className="table responsive" data-testid="import-dry-run-table">
              <thead>
                <tr>
                  <th scope="col">{t('import.row')}</th>
                  <th scope="col">{t('people.staffCode')}</th>
                  <th scope="col">{t('people.fullName')}</th>
                  <th scope="col">{t('people.unit')}</th>
                  <th scope="col">{t('import.action')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.map((row) => {
                  const bad = row.action === 'error' || problemRows.has(row.row);
                  return (
                    <tr key={row.row} className={bad ? 'is-problem' : undefined}>
                      <td data-label={t('import.row')} className="code">
                        {row.row}
                      </td>
                      <td data-label={t('people.staffCode')} className="code">
                        {row.staffCode || '—'}
                      </td>
                      <td data-label={t('people.fullName')} className="cell-title">
                        {row.fullName || '—'}
                      </td>
                      <td data-label={t('people.unit')} className="code">
                        {row.unitCode || '—'}
                      </td>
                      <td data-label={t('import.action')}>
                        <span className={`badge badge-${row.action}`}>{t(ACTION_KEYS[row.action])}</span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </div>
  );
}
