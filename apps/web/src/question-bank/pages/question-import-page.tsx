import { useState, type ChangeEvent } from 'react';
import { Link } from 'react-router-dom';
import { Difficulty, DIFFICULTY_LABELS, QUESTION_STATUS_LABELS, QUESTION_TYPE_LABELS, QuestionFileFormat, type QuestionImportReportDto } from '@cchc/shared';
import { ApiError } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/error-message';
import { useT, type MessageKey } from '../../i18n/i18n';
import { downloadQuestionTemplate, IMPORT_HAS_ERRORS, isQuestionImportReport, type ImportOptions } from '../api';
import { TopicSelect } from '../../topics/components/topic-select';
import { useCommitQuestionImport, useDryRunQuestionImport } from '../use-questions';

const FORMAT_KEYS: Record<QuestionFileFormat, MessageKey> = {
  [QuestionFileFormat.Excel]: 'qb.format.xlsx',
  [QuestionFileFormat.Gift]: 'qb.format.gift',
  [QuestionFileFormat.Aiken]: 'qb.format.aiken',
  [QuestionFileFormat.MoodleXml]: 'qb.format.moodlexml',
};

const ACCEPT: Record<QuestionFileFormat, string> = {
  [QuestionFileFormat.Excel]: '.xlsx',
  [QuestionFileFormat.Gift]: '.txt,.gift,text/plain',
  [QuestionFileFormat.Aiken]: '.txt,text/plain',
  [QuestionFileFormat.MoodleXml]: '.xml,application/xml,text/xml',
};

export function QuestionImportPage() {
  const { t, label } = useT();
  const dryRun = useDryRunQuestionImport();
  const commit = useCommitQuestionImport();
  const [format, setFormat] = useState<QuestionFileFormat>(QuestionFileFormat.Excel);
  const [topicCode, setTopicCode] = useState('');
  const [difficulty, setDifficulty] = useState<Difficulty>(Difficulty.Medium);
  const [publish, setPublish] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<QuestionImportReportDto | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [templateError, setTemplateError] = useState<unknown>(null);
  // The mapping step: Moodle category → topic code, chosen after the first check; and the author's "skip them".
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [skipUnsupported, setSkipUnsupported] = useState(false);

  const optionsWith = (m: Record<string, string>): ImportOptions => ({
    format,
    topicCode: format === QuestionFileFormat.Excel ? undefined : topicCode || undefined,
    difficulty: format === QuestionFileFormat.Excel ? undefined : difficulty,
    publish,
    categoryTopics: Object.keys(m).length ? JSON.stringify(m) : undefined,
    skipUnsupported: skipUnsupported || undefined,
  });
  const options = optionsWith(mapping);
  const reset = () => {
    setReport(null);
    dryRun.reset();
    commit.reset();
  };
  const mapCategory = (category: string, code: string) => {
    const next = { ...mapping };
    if (code) next[category] = code;
    else delete next[category];
    setMapping(next);
    commit.reset();
    if (file) dryRun.mutate({ file, options: optionsWith(next) }, { onSuccess: setReport });
  };
  const rejected = commit.error instanceof ApiError && commit.error.code === IMPORT_HAS_ERRORS && isQuestionImportReport(commit.error.details) ? commit.error.details : null;
  const shown = rejected ?? report;
  const committed = commit.data ?? null;
  const unsupportedCount = report?.unsupported.reduce((n, u) => n + u.count, 0) ?? 0;
  const canCommit = Boolean(file && report && report.problems.length === 0 && report.valid > 0 && !rejected && !committed && (unsupportedCount === 0 || skipUnsupported));

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    setFile(e.target.files?.[0] ?? null);
    setMapping({});
    setSkipUnsupported(false);
    reset();
  };

  return (
    <section className="page" data-testid="question-import-page">
      <Link to="/questions">{t('qb.back')}</Link>
      <h1>{t('qb.importTitle')}</h1>
      <p className="muted">{t('qb.importIntro')}</p>
      <ol className="steps">
        <li className="card step">
          <h2>{t('qb.importStep1')}</h2>
          <div className="field">
            <label htmlFor="qi-format">{t('qb.format')}</label>
            <select
              id="qi-format"
              value={format}
              onChange={(e) => {
                setFormat(e.target.value as QuestionFileFormat);
                setMapping({});
                setSkipUnsupported(false);
                reset();
              }}
              data-testid="qi-format"
            >
              {Object.values(QuestionFileFormat).map((f) => (
                <option key={f} value={f}>
                  {t(FORMAT_KEYS[f])}
                </option>
              ))}
            </select>
          </div>
          {format === QuestionFileFormat.Excel ? (
            <button type="button" className="button" onClick={() => downloadQuestionTemplate().catch(setTemplateError)} data-testid="qi-template">
              ⤓ {t('qb.downloadTemplate')}
            </button>
          ) : (
            <div className="field-row">
              <div className="field">
                <label htmlFor="qi-topic">{t('qb.defaultTopic')}</label>
                <TopicSelect id="qi-topic" by="code" value={topicCode} onChange={(v) => (setTopicCode(v), reset())} emptyLabel={t('qb.defaultTopicNone')} testId="qi-topic" />
              </div>
              <div className="field">
                <label htmlFor="qi-difficulty">{t('qb.defaultDifficulty')}</label>
                <select id="qi-difficulty" value={difficulty} onChange={(e) => (setDifficulty(e.target.value as Difficulty), reset())}>
                  {Object.values(Difficulty).map((d) => (
                    <option key={d} value={d}>
                      {label(DIFFICULTY_LABELS[d])}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          )}
          <ErrorMessage error={templateError} />
          <div className="field">
            <label htmlFor="qi-file">{t('qb.file')}</label>
            <input
              key={inputKey}
              id="qi-file"
              type="file"
              accept={ACCEPT[format]}
              onChange={onFile}
              disabled={commit.isPending}
              data-testid="qi-file"
            />
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={publish} onChange={(e) => (setPublish(e.target.checked), reset())} />
            {t('qb.publishImported')}
          </label>
        </li>

        <li className="card step">
          <h2>{t('qb.importStep2')}</h2>
          <button
            type="button"
            className="button button-primary"
            onClick={() => file && (commit.reset(), dryRun.mutate({ file, options }, { onSuccess: setReport }))}
            disabled={!file || dryRun.isPending || commit.isPending}
            data-testid="qi-dry-run"
          >
            {dryRun.isPending ? t('qb.checking') : t('qb.dryRun')}
          </button>
          {!file && <p className="muted small">{t('qb.chooseFile')}</p>}
          {dryRun.isPending && <Loading />}
          <ErrorMessage error={dryRun.error} />
          {rejected && (
            <div className="alert alert-error" role="alert">
              {t('qb.rejected')}
            </div>
          )}
          {shown && <ImportReport report={shown} mapping={mapping} onMap={mapCategory} busy={dryRun.isPending} />}
          {report && unsupportedCount > 0 && (
            <label className="checkbox" data-testid="qi-skip-unsupported">
              <input type="checkbox" checked={skipUnsupported} onChange={(e) => (setSkipUnsupported(e.target.checked), commit.reset())} />
              {t('qb.skipUnsupported', { count: unsupportedCount })}
            </label>
          )}
        </li>

        <li className="card step">
          <h2>{t('qb.importStep3')}</h2>
          {committed ? (
            <div data-testid="qi-result">
              <div className="alert alert-success" role="status">
                {t('qb.imported', { count: committed.createdCodes.length, status: label(QUESTION_STATUS_LABELS[committed.status]) })}
              </div>
              <div className="button-row">
                <Link to="/questions" className="button">
                  {t('qb.title')}
                </Link>
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    setFile(null);
                    reset();
                    setInputKey((k) => k + 1);
                  }}
                >
                  {t('qb.importAgain')}
                </button>
              </div>
            </div>
          ) : (
            <>
              <button type="button" className="button button-primary" onClick={() => file && commit.mutate({ file, options })} disabled={!canCommit || commit.isPending} data-testid="qi-commit">
                {commit.isPending ? t('qb.committing') : report && !report.problems.length ? t('qb.commit', { count: report.valid }) : t('qb.commitNone')}
              </button>
              {!canCommit && <p className="muted small">{t('qb.commitHint')}</p>}
              {!rejected && <ErrorMessage error={commit.error} />}
            </>
          )}
        </li>
      </ol>
    </section>
  );
}

interface ImportReportProps {
  report: QuestionImportReportDto;
  mapping: Record<string, string>;
  onMap(category: string, topicCode: string): void;
  busy: boolean;
}

function ImportReport({ report, mapping, onMap, busy }: ImportReportProps) {
  const { t, label } = useT();
  return (
    <div data-testid="qi-report">
      <p className={report.problems.length ? 'alert alert-warning' : 'alert alert-success'}>
        {t('qb.reportSummary', { file: report.fileName, total: report.total, valid: report.valid, problems: report.problems.length })}
      </p>
      {report.categories.length > 0 && (
        <>
          <h3>{t('qb.categoriesTitle')}</h3>
          <p className="muted small">{t('qb.categoriesHint')}</p>
          <div className="table-wrap">
            <table className="table responsive" data-testid="qi-categories">
              <thead>
                <tr>
                  <th scope="col">{t('qb.category')}</th>
                  <th scope="col">{t('qb.count')}</th>
                  <th scope="col">{t('qb.topic')}</th>
                </tr>
              </thead>
              <tbody>
                {report.categories.map((c, i) => (
                  <tr key={c.category} data-testid="qi-category-row">
                    <td data-label={t('qb.category')}>
                      {c.category}
                    </td>
                    <td data-label={t('qb.count')}>{c.count}</td>
                    <td data-label={t('qb.topic')}>
                      <TopicSelect
                        id={`qi-category-${i}`}
                        by="code"
                        value={mapping[c.category] ?? (c.source === 'code' ? (c.topicCode ?? '') : '')}
                        onChange={(code) => onMap(c.category, code)}
                        emptyLabel={c.source === 'default' ? t('qb.categoryDefault') : t('qb.categoryPick')}
                        testId="qi-category-topic"
                      />
                      {!c.topicCode && !busy && <div className="small text-danger">{t('qb.categoryMissing')}</div>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {report.unsupported.length > 0 && (
        <div className="alert alert-warning" data-testid="qi-unsupported">
          <strong>{t('qb.unsupportedTitle')}</strong>
          <ul>
            {report.unsupported.map((u) => (
              <li key={u.kind}>
                {t('qb.unsupportedItem', { label: u.label, count: u.count, lines: u.positions.slice(0, 10).join(', ') + (u.positions.length > 10 ? '…' : '') })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {report.problems.length > 0 && (
        <>
          <h3>{t('qb.problemsTitle')}</h3>
          <div className="table-wrap">
            <table className="table responsive" data-testid="qi-problems">
              <thead>
                <tr>
                  <th scope="col">{t('qb.position')}</th>
                  <th scope="col">{t('qb.message')}</th>
                </tr>
              </thead>
              <tbody>
                {report.problems.map((p, i) => (
                  <tr key={`${p.position}-${p.code}-${i}`}>
                    <td data-label={t('qb.position')}>{p.position || '—'}</td>
                    <td data-label={t('qb.message')}>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {report.questions.length > 0 && (
        <div className="table-wrap">
          <table className="table responsive" data-testid="qi-preview">
            <thead>
              <tr>
                <th scope="col">{t('qb.position')}</th>
                <th scope="col">{t('qb.stem')}</th>
                <th scope="col">{t('qb.topic')}</th>
                <th scope="col">{t('qb.type')}</th>
                <th scope="col">{t('qb.result')}</th>
              </tr>
            </thead>
            <tbody>
              {report.questions.slice(0, 500).map((q) => (
                <tr key={q.position}>
                  <td data-label={t('qb.position')}>{q.position}</td>
                  <td data-label={t('qb.stem')}>{q.stem}</td>
                  <td data-label={t('qb.topic')} className="code">
                    {q.topicCode ?? '—'}
                  </td>
                  <td data-label={t('qb.type')}>{label(QUESTION_TYPE_LABELS[q.type])}</td>
                  <td data-label={t('qb.result')}>
                    <span className={q.ok ? 'badge badge-ok' : 'badge badge-error'}>{q.ok ? t('qb.ok') : t('qb.error')}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
