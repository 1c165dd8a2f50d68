import { useMemo, useState, type FormEvent } from 'react';
import {
  Difficulty,
  DIFFICULTY_LABELS,
  MAX_OPTIONS,
  OPTION_IDS,
  optionLabel,
  QUESTION_TYPE_LABELS,
  QuestionType,
  TRUE_FALSE_OPTIONS,
  validateQuestion,
  type QuestionDetailDto,
  type QuestionOption,
} from '@cchc/shared';
import { ErrorMessage } from '../../components/error-message';
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
  const [stem, setStem] = useState(current?.stem ?? '');
  const [options, setOptions] = useState<QuestionOption[]>(current?.options ?? blankOptions(4));
  const [correct, setCorrect] = useState<string[]>(current?.correct ?? []);
  const [explanation, setExplanation] = useState(current?.explanation ?? '');
  const [lessonIds, setLessonIds] = useState<string[]>(current?.lessonIds ?? []);
  const [documentIds, setDocumentIds] = useState<string[]>(current?.documentIds ?? []);
  const [tags, setTags] = useState((question?.tags ?? []).join(', '));
  const [publish, setPublish] = useState(false);

  const problems = useMemo(() => validateQuestion({ type, stem, options, correct }), [type, stem, options, correct]);

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
      stem,
      options,
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

      <div className="field">
        <label htmlFor="q-stem">{t('qb.stem')}</label>
        <textarea id="q-stem" rows={3} value={stem} onChange={(e) => setStem(e.target.value)} required data-testid="q-stem" />
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
                <input
                  aria-label={t('qb.option', { letter: optionLabel(i) })}
                  value={o.text}
                  onChange={(e) => setOptionText(o.id, e.target.value)}
                  data-testid={`q-option-${i}`}
                />
                <button type="button" className="icon-button" onClick={() => removeOption(o.id)} aria-label={t('qb.removeOption', { letter: optionLabel(i) })}>
                  ×
                </button>
              </>
            )}
          </div>
        ))}
        {type !== QuestionType.TrueFalse && options.length < MAX_OPTIONS && (
          <button type="button" className="button button-small button-ghost" onClick={addOption} data-testid="q-add-option">
            {t('qb.addOption')}
          </button>
        )}
      </fieldset>

      <div className="field">
        <label htmlFor="q-explanation">{t('qb.explanation')}</label>
        <textarea id="q-explanation" rows={3} value={explanation} onChange={(e) => setExplanation(e.target.value)} data-testid="q-explanation" />
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
