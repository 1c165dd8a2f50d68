import { useState, type FormEvent } from 'react';
import type { TrainingSessionDto } from '@cchc/shared';
import { ErrorMessage, Loading, SuccessMessage } from '../../components/error-message';
import { useT } from '../../i18n/i18n';
import { TopicSelect } from '../../topics/components/topic-select';
import { UnitPicker } from '../../units/components/unit-picker';
import { UnitSelect } from '../../units/components/unit-select';
import { useUnits } from '../../units/use-units';
import { useAttendance, useImportAttendance, useSaveSession, useSessionQr, useSessions } from '../use-training-sessions';
import '../../i18n/messages/coverage-forms'; // its texts (loaded with this page)

type SessionErrorKey = 'sf.err.title' | 'sf.err.topic' | 'sf.err.unit' | 'sf.err.start' | 'sf.err.dates' | 'sf.err.hours';

/** Creates a session, or edits one (`session` given); the units it is for are picked from the caller's scope. */
function SessionForm({ session, onDone }: { session?: TrainingSessionDto; onDone(saved: TrainingSessionDto): void }) {
  const { t } = useT();
  const save = useSaveSession();
  const [topicId, setTopicId] = useState(session?.topicId ?? '');
  const [organisingUnitId, setOrganisingUnitId] = useState(session?.organisingUnitId ?? '');
  const [forUnitIds, setForUnitIds] = useState<string[]>(session?.forUnitIds ?? []);
  const [errors, setErrors] = useState<SessionErrorKey[]>([]);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (k: string) => String(f.get(k) ?? '').trim();
    const input = {
      title: text('title'), topicId, startsOn: text('startsOn'), endsOn: text('endsOn') || text('startsOn'), place: text('place') || undefined,
      organisingUnitId, forUnitIds, trainer: text('trainer') || undefined, hours: Number(text('hours').replace(',', '.') || 0),
    };
    const found: SessionErrorKey[] = [];
    if (input.title.length < 5) found.push('sf.err.title');
    if (!input.topicId) found.push('sf.err.topic');
    if (!input.organisingUnitId) found.push('sf.err.unit');
    if (!input.startsOn) found.push('sf.err.start');
    else if (input.endsOn < input.startsOn) found.push('sf.err.dates');
    if (!Number.isFinite(input.hours) || input.hours < 0 || input.hours > 1000) found.push('sf.err.hours');
    setErrors(found);
    if (!found.length) save.mutate({ id: session?.id ?? null, input }, { onSuccess: onDone });
  };
  return (
    <form className="card form" onSubmit={submit} noValidate data-testid="session-form">
      <h2>{session ? t('sf.edit') : t('sessions.create')}</h2>
      {errors.length > 0 && (
        <ul className="alert alert-error" role="alert" data-testid="session-form-errors">
          {errors.map((k) => <li key={k}>{t(k)}</li>)}
        </ul>
      )}
      <div className="field"><label htmlFor="s-title">{t('sessions.titleField')}</label><input id="s-title" name="title" maxLength={300} defaultValue={session?.title} data-testid="session-title" /></div>
      <div className="filter-grid">
        <div className="field">
          <label htmlFor="s-topic">{t('sessions.topic')}</label>
          <TopicSelect id="s-topic" value={topicId} onChange={setTopicId} emptyLabel={t('tf.chooseTopic')} activeOnly invalid={errors.includes('sf.err.topic')} testId="session-topic" />
        </div>
        <div className="field"><label htmlFor="s-unit">{t('sessions.unit')}</label><UnitSelect id="s-unit" value={organisingUnitId} onChange={setOrganisingUnitId} emptyLabel={t('sf.chooseUnit')} testId="session-unit" /></div>
        <div className="field"><label htmlFor="s-start">{t('sessions.startsOn')}</label><input id="s-start" name="startsOn" type="date" defaultValue={session?.startsOn} data-testid="session-start" /></div>
        <div className="field"><label htmlFor="s-end">{t('sessions.endsOn')}</label><input id="s-end" name="endsOn" type="date" defaultValue={session?.endsOn} data-testid="session-end" /></div>
        <div className="field"><label htmlFor="s-place">{t('sessions.place')}</label><input id="s-place" name="place" maxLength={300} defaultValue={session?.place ?? ''} /></div>
        <div className="field"><label htmlFor="s-trainer">{t('sessions.trainer')}</label><input id="s-trainer" name="trainer" maxLength={200} defaultValue={session?.trainer ?? ''} /></div>
        <div className="field"><label htmlFor="s-hours">{t('sessions.hours')}</label><input id="s-hours" name="hours" type="number" inputMode="decimal" min={0} step={0.5} defaultValue={session?.hours ?? 4} /></div>
      </div>
      <UnitPicker label={t('sf.forUnits')} hint={t('sf.forUnitsHint')} value={forUnitIds} onChange={setForUnitIds} testId="session-for-units" />
      {save.isError && <ErrorMessage error={save.error} />}
      <div className="button-row">
        <button className="button button-primary" disabled={save.isPending} data-testid="session-save">{save.isPending ? t('common.saving') : t('common.save')}</button>
      </div>
    </form>
  );
}

/** The names of the units a session is for (the caller's unit list knows them all: they are in their scope). */
function ForUnits({ ids }: { ids: readonly string[] }) {
  const { t } = useT();
  const units = useUnits(false);
  const names = ids.map((id) => units.data?.find((u) => u.id === id)?.name ?? (units.isLoading ? '…' : t('unitPicker.unknown')));
  return (
    <p data-testid="session-for-units-list">
      <strong>{t('sf.forUnits')}:</strong> {names.length ? names.join(', ') : t('sf.forUnitsNone')}
    </p>
  );
}

function SessionDetail({ session }: { session: TrainingSessionDto }) {
  const { t, formatDate, formatDateTime } = useT();
  const [editing, setEditing] = useState(false);
  const attendance = useAttendance(session.id);
  const importer = useImportAttendance(session.id);
  const qr = useSessionQr(session.id);
  const [file, setFile] = useState<File | null>(null);
  const report = importer.data;
  const problems = report?.rows.filter((r) => r.status === 'unmatched' || r.status === 'ambiguous') ?? [];
  return (
    <article className="card" data-testid="session-detail">
      <div className="page-header">
        <h2 data-testid="session-detail-title">{session.title}</h2>
        <button type="button" className="button button-small" onClick={() => setEditing((x) => !x)} data-testid="session-edit">{editing ? t('common.close') : t('tf.edit')}</button>
      </div>
      <p className="muted">{session.topicName} · {formatDate(session.startsOn)}{session.endsOn !== session.startsOn ? ` – ${formatDate(session.endsOn)}` : ''} · {session.place ?? ''} · {session.organisingUnitName}</p>
      <ForUnits ids={session.forUnitIds} />
      {editing && <SessionForm session={session} onDone={() => setEditing(false)} />}
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
  const { t, formatDate } = useT();
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
      {creating && <SessionForm onDone={(saved) => { setCreating(false); setOpenId(saved.id); }} />}
      {sessions.isLoading && <Loading />}
      {sessions.isError && <ErrorMessage error={sessions.error} />}
      {open && <SessionDetail key={open.id} session={open} />}
      {sessions.data && (
        <div className="table-wrap">
          <table className="table responsive" data-testid="sessions-table">
            <thead><tr><th>{t('sessions.titleField')}</th><th>{t('sessions.startsOn')}</th><th>{t('sessions.unit')}</th><th>{t('sessions.attendanceShort')}</th></tr></thead>
            <tbody>
              {sessions.data.map((s) => (
                <tr key={s.id} data-testid="session-row">
                  <td data-label={t('sessions.titleField')}><button type="button" className="link-button" onClick={() => setOpenId(s.id)}>{s.title}</button></td>
                  <td data-label={t('sessions.startsOn')}>{formatDate(s.startsOn)}</td>
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
