import { useMemo, useState, type FormEvent } from 'react';
import {
  Difficulty,
  DIFFICULTY_LABELS,
  htmlToText,
  MAX_OPTIONS,
  OPTION_IDS,
  optionLabel,
  plainToHtml,
  QUESTION_TYPE_LABELS,
  QuestionFormat,
  QuestionType,
  TRUE_FALSE_OPTIONS,
  validateQuestion,
  type QuestionDetailDto,
  type QuestionOption,
} from '@cchc/shared';
import { ErrorMessage } from '../../components/error-message';
import { useConfirm } from '../../components/confirm-dialog';
import { RichText } from '../../components/rich-text';
import { RichTextEditor } from '../../components/rich-text-editor';
import '../../i18n/messages/rich-text';
import { useT } from '../../i18n/i18n';
import type { QuestionInput } from '../api';
import { TopicSelect } from '../../topics/components/topic-select';
import { StudyLinkPicker } from './study-link-picker';

const blankOptions = (n: number): QuestionOption[] => OPTION_IDS.slice(0, n).map((id) => ({ id, text: '' }));

interface QuestionFormProps {
  question?: QuestionDetailDto;
  saving: boolean;
  error: unknown;
  onSave(input: QuestionInput & { publish?: boolean }): void;
}

/** The editor: type-specific options (radio for one answer, checkboxes for several, fixed Đúng/Sai). */
export function QuestionForm({ question, saving, error, onSave }: QuestionFormProps) {
  const { t, label } = useT();
  const current = question?.current;
  const [topicId, setTopicId] = useState(current?.topicId ?? '');
  const [type, setType] = useState<QuestionType>(current?.type ?? QuestionType.Single);
  const [difficulty, setDifficulty] = useState<Difficulty>(current?.difficulty ?? Difficulty.Medium);
  const [format, setFormat] = useState<QuestionFormat>(current?.format ?? QuestionFormat.Plain);
  const [stem, setStem] = useState(current?.stem ?? '');
  const [options, setOptions] = useState<QuestionOption[]>(current?.options ?? blankOptions(4));
  const [correct, setCorrect] = useState<string[]>(current?.correct ?? []);
  const [explanation, setExplanation] = useState(current?.explanation ?? '');
  const [lessonIds, setLessonIds] = useState<string[]>(current?.lessonIds ?? []);
  const [documentIds, setDocumentIds] = useState<string[]>(current?.documentIds ?? []);
  const [tags, setTags] = useState((question?.tags ?? []).join(', '));
  const [publish, setPublish] = useState(false);
  // The rich editors take their starting HTML once (re-setting it on each keystroke would move the caret): a new
  // generation remounts them after a format switch.
  const [generation, setGeneration] = useState(0);
  const [askToConfirm, confirmDialog] = useConfirm();
  const html = format === QuestionFormat.Html;

  const problems = useMemo(() => validateQuestion({ type, format, stem, options, correct }), [type, format, stem, options, correct]);

  const switchFormat = async (next: QuestionFormat) => {
    if (next === format) return;
    const convert = next === QuestionFormat.Html ? plainToHtml : htmlToText;
    if (next === QuestionFormat.Plain && !(await askToConfirm({ title: t('rich.format'), message: t('rich.format.toPlainConfirm') }))) return;
    setStem(convert(stem));
    setOptions(options.map((o) => ({ ...o, text: type === QuestionType.TrueFalse ? o.text : convert(o.text), ...(o.feedback ? { feedback: convert(o.feedback) } : {}) })));
    setExplanation(explanation ? convert(explanation) : '');
    setFormat(next);
    setGeneration((g) => g + 1);
  };
  const setOptionFeedback = (id: string, feedback: string) => setOptions((os) => os.map((o) => (o.id === id ? { ...o, feedback } : o)));

  const changeType = (next: QuestionType) => {
    if (next === QuestionType.TrueFalse) {
      setOptions(TRUE_FALSE_OPTIONS.map((o) => ({ ...o })));
      setCorrect(['true']);
    } else if (type === QuestionType.TrueFalse) {
      setOptions(blankOptions(4));
      setCorrect([]);
    } else if (next === QuestionType.Single && correct.length > 1) setCorrect(correct.slice(0, 1));
    setType(next);
  };
  const setOptionText = (id: string, text: string) => setOptions((os) => os.map((o) => (o.id === id ? { ...o, text } : o)));
  const addOption = () => {
    const id = OPTION_IDS.find((x) => !options.some((o) => o.id === x));
    if (id) setOptions([...options, { id, text: '' }]);
  };
  const removeOption = (id: string) => {
    setOptions(options.filter((o) => o.id !== id));
    setCorrect(correct.filter((c) => c !== id));
  };
  const mark = (id: string, checked: boolean) => {
    if (type === QuestionType.Multiple) setCorrect(checked ? [...correct, id] : correct.filter((c) => c !== id));
    else setCorrect([id]);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave({
      topicId,
      type,
      difficulty,
      format,
      stem,
      options: options.map((o) => (o.feedback?.trim() ? { id: o.id, text: o.text, feedback: o.feedback } : { id: o.id, text: o.text })),
      correct,
      explanation: explanation.trim() || null,
      lessonIds,
      documentIds,
      tags: tags.split(',').map((s) => s.trim()).filter(Boolean),
      ...(question ? {} : { publish }),
    });
  };

  return (
    <form className="form card" onSubmit={submit} data-testid="question-form">
      <div className="field-row">
        <div className="field">
          <label htmlFor="q-topic">{t('qb.topic')}</label>
          <TopicSelect id="q-topic" value={topicId} onChange={setTopicId} emptyLabel="" activeOnly required testId="q-topic" />
        </div>
        <div className="field">
          <label htmlFor="q-type">{t('qb.type')}</label>
          <select id="q-type" value={type} onChange={(e) => changeType(e.target.value as QuestionType)} data-testid="q-type">
            {Object.values(QuestionType).map((x) => (
              <option key={x} value={x}>
                {label(QUESTION_TYPE_LABELS[x])}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="q-difficulty">{t('qb.difficulty')}</label>
          <select id="q-difficulty" value={difficulty} onChange={(e) => setDifficulty(e.target.value as Difficulty)} data-testid="q-difficulty">
            {Object.values(Difficulty).map((d) => (
              <option key={d} value={d}>
                {label(DIFFICULTY_LABELS[d])}
              </option>
            ))}
          </select>
        </div>
      </div>

      {confirmDialog}
      <fieldset className="field" data-testid="q-format">
        <legend>{t('rich.format')}</legend>
        {[QuestionFormat.Plain, QuestionFormat.Html].map((f) => (
          <label key={f} className="checkbox">
            <input type="radio" name="q-format" checked={format === f} onChange={() => void switchFormat(f)} data-testid={`q-format-${f}`} />
            {t(f === QuestionFormat.Html ? 'rich.format.html' : 'rich.format.plain')}
          </label>
        ))}
        {html && <p className="muted small">{t('rich.format.help')}</p>}
      </fieldset>

      <div className="field">
        {html ? (
          <>
            <span id="q-stem-label">{t('qb.stem')}</span>
            <RichTextEditor key={`stem-${generation}`} id="q-stem" labelledBy="q-stem-label" question initialHtml={stem} onChange={setStem} testId="q-stem-rich" />
          </>
        ) : (
          <>
            <label htmlFor="q-stem">{t('qb.stem')}</label>
            <textarea id="q-stem" rows={3} value={stem} onChange={(e) => setStem(e.target.value)} required data-testid="q-stem" />
          </>
        )}
      </div>

      <fieldset className="field" data-testid="q-options">
        <legend>{type === QuestionType.TrueFalse ? t('qb.tfAnswer') : t('qb.options')}</legend>
        {type !== QuestionType.TrueFalse && <p className="muted small">{t('qb.optionsHelp')}</p>}
        {options.map((o, i) => (
          <div key={o.id} className="option-row">
            <label className="checkbox">
              <input
                type={type === QuestionType.Multiple ? 'checkbox' : 'radio'}
                name="q-correct"
                checked={correct.includes(o.id)}
                onChange={(e) => mark(o.id, e.target.checked)}
                data-testid={`q-correct-${i}`}
              />
              {type === QuestionType.TrueFalse ? (
                o.text
              ) : (
                <>
                  {optionLabel(i)}
                  <span className="visually-hidden"> {t('qb.correct')}</span>
                </>
              )}
            </label>
            {type !== QuestionType.TrueFalse && (
              <>
                {html ? (
                  <div className="option-rich">
                    <span id={`q-option-${i}-label`} className="visually-hidden">
                      {t('qb.option', { letter: optionLabel(i) })}
                    </span>
                    <RichTextEditor
                      key={`${o.id}-${generation}`}
                      id={`q-option-${i}`}
                      labelledBy={`q-option-${i}-label`}
                      question
                      compact
                      initialHtml={o.text}
                      onChange={(v) => setOptionText(o.id, v)}
                      testId={`q-option-rich-${i}`}
                    />
                  </div>
                ) : (
                  <input
                    aria-label={t('qb.option', { letter: optionLabel(i) })}
                    value={o.text}
                    onChange={(e) => setOptionText(o.id, e.target.value)}
                    data-testid={`q-option-${i}`}
                  />
                )}
                <button type="button" className="icon-button" onClick={() => removeOption(o.id)} aria-label={t('qb.removeOption', { letter: optionLabel(i) })}>
                  ×
                </button>
              </>
            )}
            <div className="option-feedback">
              <label htmlFor={`q-feedback-${i}`} className="muted small">
                {t('rich.optionFeedback', { letter: type === QuestionType.TrueFalse ? o.text : optionLabel(i) })}
              </label>
              {html ? (
                <RichTextEditor key={`fb-${o.id}-${generation}`} id={`q-feedback-${i}`} question compact initialHtml={o.feedback ?? ''} onChange={(v) => setOptionFeedback(o.id, v)} testId={`q-feedback-rich-${i}`} />
              ) : (
                <input id={`q-feedback-${i}`} value={o.feedback ?? ''} onChange={(e) => setOptionFeedback(o.id, e.target.value)} data-testid={`q-feedback-${i}`} />
              )}
            </div>
          </div>
        ))}
        <p className="muted small">{t('rich.optionFeedbackHelp')}</p>
        {type !== QuestionType.TrueFalse && options.length < MAX_OPTIONS && (
          <button type="button" className="button button-small button-ghost" onClick={addOption} data-testid="q-add-option">
            {t('qb.addOption')}
          </button>
        )}
      </fieldset>

      <div className="field">
        <label htmlFor="q-explanation">{t('qb.explanation')}</label>
        {html ? (
          <RichTextEditor key={`expl-${generation}`} id="q-explanation" question compact initialHtml={explanation} onChange={setExplanation} testId="q-explanation-rich" />
        ) : (
          <textarea id="q-explanation" rows={3} value={explanation} onChange={(e) => setExplanation(e.target.value)} data-testid="q-explanation" />
        )}
        <p className="muted small">{t('qb.explanationHelp')}</p>
      </div>
      <p className="muted small">{t('qb.link.help')}</p>
      <div className="field-row">
        <StudyLinkPicker kind="lesson" id="q-lessons" label={t('qb.lessonIds')} value={lessonIds} onChange={setLessonIds} />
        <StudyLinkPicker kind="document" id="q-documents" label={t('qb.documentIds')} value={documentIds} onChange={setDocumentIds} />
      </div>
      <div className="field">
        <label htmlFor="q-tags">
          {t('qb.tags')} <span className="muted">{t('qb.tagsHelp')}</span>
        </label>
        <input id="q-tags" value={tags} onChange={(e) => setTags(e.target.value)} data-testid="q-tags" />
      </div>

      {html && (
        <details className="field" data-testid="q-preview">
          <summary>{t('rich.preview')}</summary>
          <div className="card question">
            <RichText format={format} text={stem} className="stem" />
            <ul>
              {options.map((o, i) => (
                <li key={o.id}>
                  {type === QuestionType.TrueFalse ? '' : `${optionLabel(i)}. `}
                  <RichText inline format={format} text={o.text} />
                </li>
              ))}
            </ul>
          </div>
        </details>
      )}
      {problems.length > 0 && (
        <div className="alert alert-warning" data-testid="q-problems">
          {t('qb.problems')}
          <ul>
            {problems.map((p) => (
              <li key={`${p.code}-${p.message}`}>{p.message}</li>
            ))}
          </ul>
        </div>
      )}
      {!question && (
        <label className="checkbox">
          <input type="checkbox" checked={publish} onChange={(e) => setPublish(e.target.checked)} disabled={problems.length > 0} />
          {t('qb.publishNow')}
        </label>
      )}
      <ErrorMessage error={error} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={saving || !topicId} data-testid="q-save">
          {saving ? t('common.saving') : question ? t('qb.saveNewVersion') : t('qb.save')}
        </button>
      </div>
    </form>
  );
}
