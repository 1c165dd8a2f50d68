import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  allowedExtensions,
  COURSE_STATUS_LABELS,
  CourseStatus,
  LESSON_FILE_RULES,
  LESSON_KIND_LABELS,
  LESSON_KINDS,
  LessonKind,
  MB,
  type CompletionRule,
  type CourseDetailDto,
} from '@cchc/shared';
import { ErrorMessage, Loading, SuccessMessage } from '../../components/error-message';
import { useT } from '../../i18n/i18n';
import { PackageUpload } from '../../package-player/package-upload';
import { addLesson, addModule, deleteLesson, deleteModule, renameModule, updateCourse, updateLesson, uploadLessonFile } from '../api';
import { RichTextEditor } from '../../components/rich-text-editor';
import { useAuthoringCourse, useAuthoringLesson, useAuthoringMutation, useRoundChoices } from '../use-authoring';
import { useTopics } from '../../topics/use-topics';
import '../learning.css';
import { useConfirm, usePrompt } from '../../components/confirm-dialog';

function CourseSettings({ course }: { course: CourseDetailDto }) {
  const { t, label, formatDate } = useT();
  const topics = useTopics();
  const save = useAuthoringMutation((fields: Parameters<typeof updateCourse>[1]) => updateCourse(course.id, fields));
  const [topicIds, setTopicIds] = useState(course.topics.map((x) => x.id));
  const [saved, setSaved] = useState(false);
  const [ruleKind, setRuleKind] = useState(course.completionRule.kind);
  const [testRoundId, setTestRoundId] = useState(course.completionRule.kind === 'final_quiz' ? course.completionRule.testRoundId : '');
  const [chosen, setChosen] = useState<string[]>(course.completionRule.kind === 'chosen_lessons' ? course.completionRule.lessonIds : []);
  const lessons = course.modules.flatMap((m) => m.lessons);
  const rounds = useRoundChoices(ruleKind === 'final_quiz');
  const [askToConfirm, confirmDialog] = useConfirm();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const form = new FormData(event.currentTarget);
    const completionRule: CompletionRule =
      ruleKind === 'chosen_lessons' ? { kind: 'chosen_lessons', lessonIds: chosen } : ruleKind === 'final_quiz' ? { kind: 'final_quiz', testRoundId } : { kind: 'all_lessons' };
    await save.mutateAsync({
      title: String(form.get('title') ?? '').trim(),
      description: String(form.get('description') ?? ''),
      estimatedHours: Number(form.get('hours')),
      topicIds,
      completionRule,
    });
    setSaved(true);
  };
  const setStatus = (status: CourseStatus) => save.mutate({ status });
  // A course without a topic counts toward no target and is no fallback for a weak topic: publishing it is asked twice.
  const publish = async () => {
    if (course.topics.length === 0) {
      const ok = await askToConfirm({ title: t('authoring.noTopicTitle'), message: t('authoring.noTopicMessage'), confirmLabel: t('authoring.publishAnyway'), testId: 'publish-no-topic' });
      if (!ok) return;
    }
    setStatus(CourseStatus.Published);
  };

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} data-testid="course-settings">
      <p>
        {t('authoring.status')}: <strong data-testid="course-status">{label(COURSE_STATUS_LABELS[course.status])}</strong>
      </p>
      <div className="button-row">
        {course.status !== CourseStatus.Published && (
          <button type="button" className="button button-primary" onClick={() => void publish()} data-testid="course-publish">
            {t('authoring.publish')}
          </button>
        )}
        {course.status === CourseStatus.Published && (
          <button type="button" className="button" onClick={() => setStatus(CourseStatus.Draft)}>
            {t('authoring.unpublish')}
          </button>
        )}
        {course.status !== CourseStatus.Archived && (
          <button type="button" className="button button-ghost" onClick={() => setStatus(CourseStatus.Archived)}>
            {t('authoring.archive')}
          </button>
        )}
        <Link className="button button-ghost" to={`/learning/courses/${course.id}`}>
          {t('authoring.preview')}
        </Link>
      </div>
      <div className="field">
        <label htmlFor="edit-title">{t('authoring.courseTitle')}</label>
        <input id="edit-title" name="title" defaultValue={course.title} required minLength={3} maxLength={300} />
      </div>
      <div className="field">
        <label htmlFor="edit-description">{t('authoring.description')}</label>
        <textarea id="edit-description" name="description" rows={4} defaultValue={course.description} maxLength={5000} />
      </div>
      <div className="field">
        <label htmlFor="edit-hours">{t('authoring.hours')}</label>
        <input id="edit-hours" name="hours" type="number" min={0.5} max={1000} step={0.5} defaultValue={course.estimatedHours} required />
      </div>
      <fieldset className="field">
        <legend>{t('authoring.topics')}</legend>
        <div className="topic-checks">
          {(topics.data ?? []).map((topic) => (
            <label key={topic.id} className="checkbox">
              <input
                type="checkbox"
                checked={topicIds.includes(topic.id)}
                onChange={(e) => setTopicIds((ids) => (e.target.checked ? [...ids, topic.id] : ids.filter((x) => x !== topic.id)))}
              />
              {topic.name}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="field">
        <legend>{t('authoring.rule')}</legend>
        {(['all_lessons', 'chosen_lessons', 'final_quiz'] as const).map((kind) => (
          <label key={kind} className="checkbox">
            <input type="radio" name="rule" checked={ruleKind === kind} onChange={() => setRuleKind(kind)} />
            {t(kind === 'all_lessons' ? 'authoring.ruleAll' : kind === 'chosen_lessons' ? 'authoring.ruleChosen' : 'authoring.ruleQuiz')}
          </label>
        ))}
        {ruleKind === 'chosen_lessons' &&
          lessons.map((l) => (
            <label key={l.id} className="checkbox" style={{ marginLeft: '1.5rem' }}>
              <input type="checkbox" checked={chosen.includes(l.id)} onChange={(e) => setChosen((ids) => (e.target.checked ? [...ids, l.id] : ids.filter((x) => x !== l.id)))} />
              {l.title}
            </label>
          ))}
        {ruleKind === 'final_quiz' && (
          <div className="field" style={{ marginLeft: '1.5rem' }}>
            <label htmlFor="edit-round">{t('authoring.testRound')}</label>
            <select id="edit-round" value={testRoundId} onChange={(e) => setTestRoundId(e.target.value)} required data-testid="course-round">
              <option value="">{rounds.isLoading ? t('common.loading') : t('authoring.chooseRound')}</option>
              {testRoundId && rounds.data && !rounds.data.some((r) => r.id === testRoundId) && <option value={testRoundId}>{t('authoring.roundGone')}</option>}
              {(rounds.data ?? []).map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name} · {t(`tests.phase.${r.phase}`)} · {formatDate(r.opensAt)}–{formatDate(r.closesAt)}
                </option>
              ))}
            </select>
            {rounds.data?.length === 0 && <p className="muted small">{t('authoring.noRounds')}</p>}
            <ErrorMessage error={rounds.error} />
          </div>
        )}
      </fieldset>
      <ErrorMessage error={save.error} />
      <SuccessMessage>{saved && t('common.saved')}</SuccessMessage>
      {confirmDialog}
      <button type="submit" className="button button-primary" disabled={save.isPending} data-testid="course-save">
        {save.isPending ? t('common.saving') : t('common.save')}
      </button>
    </form>
  );
}

function LessonEditor({ lessonId }: { lessonId: string }) {
  const { t, label, formatNumber } = useT();
  const lesson = useAuthoringLesson(lessonId);
  const save = useAuthoringMutation((fields: Parameters<typeof updateLesson>[1]) => updateLesson(lessonId, fields));
  const upload = useAuthoringMutation((file: File) => uploadLessonFile(lessonId, file));
  const [html, setHtml] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    setHtml(null);
    setSaved(false);
  }, [lessonId]);

  if (lesson.isPending) return <Loading />;
  if (lesson.error) return <ErrorMessage error={lesson.error} />;
  const l = lesson.data;
  const fileRule = LESSON_FILE_RULES[l.kind];

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const form = new FormData(event.currentTarget);
    await save.mutateAsync({
      title: String(form.get('title') ?? '').trim(),
      durationMinutes: Number(form.get('duration')),
      ...(html !== null && { bodyHtml: html }),
      ...(form.has('url') && { url: String(form.get('url') ?? '').trim() }),
    });
    setSaved(true);
  };

  return (
    <div className="card" data-testid="lesson-editor">
      <h2>
        {l.title} <span className="badge">{label(LESSON_KIND_LABELS[l.kind])}</span>
      </h2>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="lesson-title">{t('authoring.lessonTitle')}</label>
          <input id="lesson-title" name="title" defaultValue={l.title} key={`t${l.id}`} required minLength={2} maxLength={300} />
        </div>
        <div className="field">
          <label htmlFor="lesson-duration">{t('authoring.duration')}</label>
          <input id="lesson-duration" name="duration" type="number" min={1} max={1440} defaultValue={l.durationMinutes} key={`d${l.id}`} required />
        </div>
        {(l.kind === LessonKind.Link || l.kind === LessonKind.Video) && (
          <div className="field">
            <label htmlFor="lesson-url">{t('authoring.url')}</label>
            <input id="lesson-url" name="url" type="url" defaultValue={l.url ?? ''} key={`u${l.id}`} required={l.kind === LessonKind.Link} />
          </div>
        )}
        <div className="field">
          <span id="lesson-content-label">{t('authoring.content')}</span>
          <RichTextEditor id="lesson-content" labelledBy="lesson-content-label" initialHtml={l.bodyHtml ?? ''} onChange={setHtml} />
        </div>
        <ErrorMessage error={save.error} />
        <SuccessMessage>{saved && t('common.saved')}</SuccessMessage>
        <button type="submit" className="button button-primary" disabled={save.isPending} data-testid="lesson-save">
          {save.isPending ? t('common.saving') : t('common.save')}
        </button>
      </form>
      {l.kind === LessonKind.Package && <PackageUpload lessonId={l.id} />}
      {fileRule && (
        <div className="form">
          <h3>{t('authoring.file')}</h3>
          {l.file && <p>{t('authoring.currentFile', { name: l.file.name, size: `${formatNumber(Math.round((l.file.size / MB) * 10) / 10)} MB` })}</p>}
          <p className="muted small">{t('authoring.allowed', { types: allowedExtensions(l.kind).join(', '), size: formatNumber(fileRule.maxBytes / MB) })}</p>
          <input
            type="file"
            accept={allowedExtensions(l.kind).join(',')}
            aria-label={t('authoring.file')}
            data-testid="lesson-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) upload.mutate(file);
              e.target.value = '';
            }}
          />
          {upload.isPending && <p className="loading">{t('authoring.uploading')}</p>}
          <ErrorMessage error={upload.error} />
        </div>
      )}
    </div>
  );
}

export function CourseEditorPage() {
  const { id = '' } = useParams();
  const { t, label } = useT();
  const course = useAuthoringCourse(id);
  const [selected, setSelected] = useState<string | null>(null);
  const newModule = useAuthoringMutation((title: string) => addModule(id, title));
  const rename = useAuthoringMutation((vars: { id: string; title: string }) => renameModule(vars.id, vars.title));
  const removeModule = useAuthoringMutation(deleteModule);
  const newLesson = useAuthoringMutation((vars: { moduleId: string; title: string; kind: LessonKind; url?: string }) => addLesson(vars.moduleId, { title: vars.title, kind: vars.kind, url: vars.url }));
  const removeLesson = useAuthoringMutation(deleteLesson);
  const [askToConfirm, confirmDialog] = useConfirm();
  const [ask, promptDialog] = usePrompt();

  if (course.isPending) return <Loading />;
  if (course.error) return <ErrorMessage error={course.error} onRetry={() => void course.refetch()} />;
  const c = course.data;
  const error = newModule.error ?? rename.error ?? removeModule.error ?? newLesson.error ?? removeLesson.error;

  const submitModule = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const title = String(new FormData(form).get('title') ?? '').trim();
    if (title) await newModule.mutateAsync(title);
    form.reset();
  };
  const submitLesson = async (event: FormEvent<HTMLFormElement>, moduleId: string) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const kind = String(data.get('kind')) as LessonKind;
    // A link lesson needs its address before it can exist.
    const url = kind === LessonKind.Link ? ((await ask({ title: t('authoring.url'), label: t('authoring.url'), initial: 'https://' })) ?? undefined) : undefined;
    if (kind === LessonKind.Link && !url) return;
    const created = await newLesson.mutateAsync({ moduleId, title: String(data.get('title') ?? '').trim(), kind, url }).catch(() => null);
    if (created) setSelected(created.id);
    form.reset();
  };

  return (
    <section className="page" data-testid="course-editor">
      {confirmDialog}
      {promptDialog}
      <p>
        <Link to="/authoring">{t('authoring.back')}</Link>
      </p>
      <h1>{c.title}</h1>
      <div className="editor-grid">
        <div>
          <CourseSettings key={`${c.id}-${c.modules.flatMap((m) => m.lessons).length}`} course={c} />
          <div className="card">
            <h2>{t('authoring.modules')}</h2>
            <ErrorMessage error={error} />
            {c.modules.map((m) => (
              <div key={m.id} data-testid="module">
                <h3 className="module-title">{m.title}</h3>
                <div className="button-row">
                  <button
                    type="button"
                    className="button button-small"
                    onClick={async () => {
                      const title = await ask({ title: t('authoring.edit'), label: t('authoring.moduleTitle'), initial: m.title });
                      if (title) rename.mutate({ id: m.id, title });
                    }}
                  >
                    {t('authoring.edit')}
                  </button>
                  <button type="button" className="button button-small button-danger" onClick={async () => (await askToConfirm({ title: t('authoring.confirmDeleteModule', { title: m.title }), danger: true })) && removeModule.mutate(m.id)}>
                    {t('authoring.deleteModule')}
                  </button>
                </div>
                <ul className="outline">
                  {m.lessons.map((l) => (
                    <li key={l.id}>
                      <div className="outline-row">
                        <button type="button" className="button button-small button-ghost" onClick={() => setSelected(l.id)} aria-pressed={selected === l.id} data-testid="lesson-edit">
                          {l.title}
                        </button>
                        <span className="muted small lesson-title">{label(LESSON_KIND_LABELS[l.kind])}</span>
                        <button
                          type="button"
                          className="button button-small button-danger"
                          aria-label={t('authoring.deleteLesson')}
                          onClick={async () => {
                            if (!(await askToConfirm({ title: t('authoring.confirmDeleteLesson', { title: l.title }), danger: true }))) return;
                            if (selected === l.id) setSelected(null);
                            removeLesson.mutate(l.id);
                          }}
                        >
                          ✕
                        </button>
                      </div>
                    </li>
                  ))}
                </ul>
                <form className="field-row" onSubmit={(e) => void submitLesson(e, m.id)}>
                  <input name="title" aria-label={t('authoring.lessonTitle')} placeholder={t('authoring.lessonTitle')} required minLength={2} data-testid="new-lesson-title" />
                  <select name="kind" aria-label={t('authoring.lessonKind')} defaultValue={LessonKind.Text} data-testid="new-lesson-kind">
                    {LESSON_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {label(LESSON_KIND_LABELS[k])}
                      </option>
                    ))}
                  </select>
                  <button type="submit" className="button button-small" data-testid="new-lesson-add">
                    {t('authoring.addLesson')}
                  </button>
                </form>
              </div>
            ))}
            <form className="field-row" onSubmit={(e) => void submitModule(e)}>
              <input name="title" aria-label={t('authoring.moduleTitle')} placeholder={t('authoring.moduleTitle')} required minLength={2} data-testid="new-module-title" />
              <button type="submit" className="button" data-testid="new-module-add">
                {t('authoring.addModule')}
              </button>
            </form>
          </div>
        </div>
        <div>{selected && <LessonEditor lessonId={selected} />}</div>
      </div>
    </section>
  );
}
