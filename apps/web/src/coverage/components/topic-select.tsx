import { useMemo } from 'react';
import type { TopicDto } from '@cchc/shared';
import { useT } from '../../i18n/i18n';
import { useTopics } from '../../training-sessions/use-training-sessions';

/** Topics in tree order (programme, then its fields and skills), each with its depth. */
export function topicsInTreeOrder(topics: readonly TopicDto[]): { topic: TopicDto; depth: number }[] {
  const children = new Map<string | null, TopicDto[]>();
  const ids = new Set(topics.map((t) => t.id));
  for (const t of topics) {
    const parent = t.parentId && ids.has(t.parentId) ? t.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), t]);
  }
  const out: { topic: TopicDto; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const t of (children.get(parent) ?? []).sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'vi'))) {
      out.push({ topic: t, depth });
      walk(t.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

interface TopicSelectProps {
  id: string;
  value: string;
  onChange(topicId: string): void;
  /** Label of the empty option (e.g. "Chọn chủ đề" or "Không gắn chủ đề"). */
  emptyLabel: string;
  invalid?: boolean;
  testId?: string;
  ariaLabel?: string;
}

/** A select of the active topics, sub-topics indented under their programme. */
export function TopicSelect({ id, value, onChange, emptyLabel, invalid, testId, ariaLabel }: TopicSelectProps) {
  const { lang } = useT();
  const topics = useTopics();
  const options = useMemo(() => topicsInTreeOrder((topics.data ?? []).filter((t) => t.active)), [topics.data]);
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={invalid || undefined} data-testid={testId} aria-label={ariaLabel} disabled={topics.isLoading}>
      <option value="">{emptyLabel}</option>
      {options.map(({ topic, depth }) => (
        <option key={topic.id} value={topic.id}>
          {'\u00a0\u00a0\u00a0'.repeat(depth)}
          {lang === 'en' && topic.nameEn ? topic.nameEn : topic.name} ({topic.code})
        </option>
      ))}
    </select>
  );
}
