import { useState, type FormEvent } from 'react';
import type { TrainingSessionDto } from '@cchc/shared';
import { ErrorMessage, Loading, SuccessMessage } from '../../components/error-message';
import { useT } from '../../i18n/i18n';
import { UnitSelect } from '../../units/components/unit-select';
import { useAttendance, useCreateSession, useImportAttendance, useSessionQr, useSessions, useTopics } from '../use-training-sessions';

function CreateSessionForm({ onDone }: { onDone(): void }) {
  const { t } = useT();
  const topics = useTopics();
  const create = useCreateSession();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (k: string) => String(f.get(k) ?? '').trim();
    create.mutate(
      { title: text('title'), topicId: text('topicId'), startsOn: text('startsOn'), endsOn: text('endsOn') || text('startsOn'), place: text('place') || undefined, organisingUnitId: text('organisingUnitId'), trainer: text('trainer') || undefined, hours: Number(text('hours') || 0) },
      { onSuccess: onDone },
    );
  };
  return (
    <form className="card form" onSubmit={submit} data-testid="session-form">
      <h2>{t('sessions.create')}</h2>
      <div className="field"><label htmlFor="s-title">{t('sessions.titleField')}</label><input id="s-title" name="title" required minLength={5} /></div>
      <div className="filter-grid">
        <div className="field">
          <label htmlFor="s-topic">{t('sessions.topic')}</label>
          <select id="s-topic" name="topicId" required>{topics.data?.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}</select>
        </div>
        <div className="field"><label htmlFor="s-unit">{t('sessions.unit')}</label><UnitSelect id="s-unit" name="organisingUnitId" required /></div>
        <div className="field"><label htmlFor="s-start">{t('sessions.startsOn')}</label><input id="s-start" name="startsOn" type="date" required /></div>
        <div className="field"><label htmlFor="s-end">{t('sessions.endsOn')}</label><input id="s-end" name="endsOn" type="date" /></div>
        <div className="field"><label htmlFor="s-place">{t('sessions.place')}</label><input id="s-place" name="place" /></div>
        <div className="field"><label htmlFor="s-trainer">{t('sessions.trainer')}</label><input id="s-trainer" name="trainer" /></div>
        <div className="field"><label htmlFor="s-hours">{t('sessions.hours')}</label><input id="s-hours" name="hours" type="number" min={0} step={0.5} defaultValue={4} /></div>
      </div>
      {create.isError && <ErrorMessage error={create.error} />}
      <div className="button-row"><button className="button button-primary" disabled={create.isPending}>{t('common.save')}</button></div>
    </form>
  );
}

function SessionDetail({ session }: { session: TrainingSessionDto }) {
  const { t, formatDateTime } = useT();
  const attendance = useAttendance(session.id);
  const importer = useImportAttendance(session.id);
  const qr = useSessionQr(session.id);
  const [file, setFile] = useState<File | null>(null);
  const report = importer.data;
  const problems = report?.rows.filter((r) => r.status === 'unmatched' || r.status === 'ambiguous') ?? [];
  return (
    <article className="card" data-testid="session-detail">
      <h2>{session.title}</h2>
      <p className="muted">{session.topicName} · {session.startsOn}{session.endsOn !== session.startsOn ? ` – ${session.endsOn}` : ''} · {session.place ?? ''} · {session.organisingUnitName}</p>
      <h3>{t('sessions.import')}</h3>
      <p className="small muted">{t('sessions.importHint')}</p>
      <div className="button-row">
        <input type="file" accept=".xlsx,.csv" onChange={(e) => { setFile(e.target.files?.[0] ?? null); importer.reset(); }} data-testid="attendance-file" />
        <button type="button" className="button" disabled={!file || importer.isPending} onClick={() => file && importer.mutate({ file, commit: false })} data-testid="attendance-dry-run">{t('sessions.check')}</button>
        <button type="button" className="button button-primary" disabled={!file || !report || report.committed || problems.length > 0 || importer.isPending} onClick={() => file && importer.mutate({ file, commit: true })} data-testid="attendance-commit">{t('sessions.commit')}</button>
      </div>
      {importer.isError && <ErrorMessage error={importer.error} />}
      {report && <SuccessMessage>{report.committed ? t('sessions.committed', { count: report.matched }) : t('sessions.checked', { matched: report.matched, total: report.total })}</SuccessMessage>}
      {problems.length > 0 && (
        <ul className="alert alert-warning" data-testid="attendance-problems">
          {problems.map((p) => <li key={p.row}>{t('sessions.row', { row: p.row })}: {p.message}</li>)}
        </ul>
      )}
      <h3>{t('sessions.qr')}</h3>
      <button type="button" className="button" onClick={() => qr.mutate()} data-testid="session-qr">{t('sessions.showQr')}</button>
      {qr.data && (
        <div className="qr-box">
          <img src={qr.data.dataUrl} alt={t('sessions.qr')} width={240} height={240} />
          <p className="small">{t('sessions.qrExpires', { at: formatDateTime(qr.data.expiresAt) })}</p>
        </div>
      )}
      <h3>{t('sessions.attendance', { count: attendance.data?.length ?? session.attendance })}</h3>
      {attendance.isLoading && <Loading />}
      <ul className="plain-list">
        {attendance.data?.map((a) => <li key={a.personId}>{a.fullName} <span className="small muted">({a.staffCode}, {a.unitName})</span></li>)}
      </ul>
    </article>
  );
}

export function SessionsPage() {
  const { t } = useT();
  const sessions = useSessions();
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const open = sessions.data?.find((s) => s.id === openId);
  return (
    <section className="page" data-testid="sessions-page">
      <div className="toolbar">
        <h1>{t('sessions.title')}</h1>
        <button type="button" className="button button-primary" onClick={() => setCreating((c) => !c)} data-testid="session-new">{t('sessions.create')}</button>
      </div>
      {creating && <CreateSessionForm onDone={() => setCreating(false)} />}
      {sessions.isLoading && <Loading />}
      {sessions.isError && <ErrorMessage error={sessions.error} />}
      {open && <SessionDetail key={open.id} session={open} />}
      {sessions.data && (
        <div className="table-wrap">
          <table className="table responsive" data-testid="sessions-table">
            <thead><tr><th>{t('sessions.titleField')}</th><th>{t('sessions.startsOn')}</th><th>{t('sessions.unit')}</th><th>{t('sessions.attendanceShort')}</th></tr></thead>
            <tbody>
              {sessions.data.map((s) => (
                <tr key={s.id}>
                  <td data-label={t('sessions.titleField')}><button type="button" className="link-button" onClick={() => setOpenId(s.id)}>{s.title}</button></td>
                  <td data-label={t('sessions.startsOn')}>{s.startsOn}</td>
                  <td data-label={t('sessions.unit')}>{s.organisingUnitName}</td>
                  <td data-label={t('sessions.attendanceShort')}>{s.attendance}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {!sessions.data.length && <p className="empty">{t('common.noResults')}</p>}
        </div>
      )}
    </section>
  );
}
