import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { COURSE_STATUS_LABELS, CourseStatus, DocumentStatus, foldVietnamese, type LessonPickDto, type LibraryDocumentDto } from '@cchc/shared';
import { useDebouncedValue } from '../../components/use-debounced-value';
import { useT } from '../../i18n/i18n';
import { queryKeys } from '../../query-keys';
import { documentById, lessonsByIds, searchDocumentsToLink, searchLessonsToLink } from '../api';

/** One line of the picker: what the author reads to recognise a lesson or a document. */
interface LinkOption {
  id: string;
  title: string;
  detail: string;
}

type Kind = 'lesson' | 'document';
type Label = (labels: { vi: string; en: string }) => string;

const lessonPick = (l: LessonPickDto, label: Label): LinkOption => ({
  id: l.id,
  title: l.title,
  detail: `${l.courseTitle} › ${l.moduleTitle}${l.courseStatus === CourseStatus.Published ? '' : ` (${label(COURSE_STATUS_LABELS[l.courseStatus])})`}`,
});
const documentPick = (d: Pick<LibraryDocumentDto, 'id' | 'number' | 'title' | 'topic' | 'issuer' | 'status'>, replaced: string): LinkOption => ({
  id: d.id,
  title: d.number ? `${d.number} — ${d.title}` : d.title,
  detail: [d.topic?.name, d.issuer, d.status === DocumentStatus.Replaced ? replaced : null].filter(Boolean).join(' · '),
});

interface StudyLinkPickerProps {
  kind: Kind;
  id: string;
  label: string;
  value: string[];
  onChange(ids: string[]): void;
}

/**
 * Search-and-pick for the lessons or library documents that teach a question: the author types words of a title
 * (with or without diacritics) and adds a result; chosen items show their titles, never an id.
 */
export function StudyLinkPicker({ kind, id, label: fieldLabel, value, onChange }: StudyLinkPickerProps) {
  const { t, label } = useT();
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 300);
  const searching = foldVietnamese(q).replace(/[^a-z0-9]/g, '').length > 0;
  // Titles of what is chosen: picked results are remembered; links saved earlier are looked up once.
  const [known, setKnown] = useState<Map<string, LinkOption>>(new Map());
  const unknownIds = useMemo(() => value.filter((v) => !known.has(v)), [value, known]);

  const results = useQuery({
    queryKey: queryKeys.questions.linkSearch(kind, q),
    queryFn: async ({ signal }) =>
      kind === 'lesson'
        ? ((await searchLessonsToLink(q, signal)).items.map((l) => lessonPick(l, label)))
        : ((await searchDocumentsToLink(q, signal)).items.map((d) => documentPick(d, t('qb.link.replaced')))),
    enabled: searching,
    placeholderData: keepPreviousData,
  });
  const labels = useQuery({
    queryKey: queryKeys.questions.linkLabels(kind, unknownIds),
    queryFn: async ({ signal }) => {
      if (kind === 'lesson') return (await lessonsByIds(unknownIds, signal)).items.map((l) => lessonPick(l, label));
      const found = await Promise.all(unknownIds.map((d) => documentById(d, signal).then((doc) => documentPick(doc, t('qb.link.replaced')), () => null)));
      return found.filter((p): p is LinkOption => p !== null);
    },
    enabled: unknownIds.length > 0,
  });
  const titleOf = (chosen: string): LinkOption | undefined => known.get(chosen) ?? labels.data?.find((p) => p.id === chosen);

  const add = (p: LinkOption) => {
    setKnown((m) => new Map(m).set(p.id, p));
    if (!value.includes(p.id)) onChange([...value, p.id]);
  };

  return (
    <fieldset className="field link-picker" data-testid={`q-${kind}-picker`}>
      <legend>
        {fieldLabel} <span className="muted">{t('common.optional')}</span>
      </legend>
      {value.length > 0 && (
        <ul className="link-chosen" data-testid={`q-${kind}-chosen`}>
          {value.map((chosen) => {
            const p = titleOf(chosen);
            return (
              <li key={chosen} data-testid="link-chosen">
                <span>
                  <strong>{p?.title ?? (labels.isLoading ? t('common.loading') : t(kind === 'lesson' ? 'qb.link.lessonGone' : 'qb.link.documentGone'))}</strong>
                  {p?.detail && <span className="muted small"> · {p.detail}</span>}
                </span>
                <button type="button" className="icon-button" onClick={() => onChange(value.filter((v) => v !== chosen))} aria-label={t('qb.link.remove', { title: p?.title ?? '' })}>
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <input
        id={id}
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t(kind === 'lesson' ? 'qb.link.lessonPlaceholder' : 'qb.link.documentPlaceholder')}
        autoComplete="off"
        data-testid={`q-${kind}-search`}
      />
      {searching && results.data && (
        <ul className="link-results" data-testid={`q-${kind}-results`}>
          {results.data.length === 0 && <li className="muted small">{t('common.noResults')}</li>}
          {results.data.map((p) => (
            <li key={p.id}>
              <button type="button" className="link-result" onClick={() => add(p)} disabled={value.includes(p.id)} data-testid="link-result">
                <strong>{p.title}</strong>
                <span className="muted small">{p.detail}</span>
                <span className="link-add">{value.includes(p.id) ? t('qb.link.added') : t('qb.link.add')}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
