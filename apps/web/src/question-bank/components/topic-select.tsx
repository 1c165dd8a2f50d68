import type { TopicDto } from '@cchc/shared';
import { useTopics } from '../use-questions';

/** Topics in tree order, children indented under their programme. */
export function orderedTopics(topics: readonly TopicDto[]): { topic: TopicDto; depth: number }[] {
  const out: { topic: TopicDto; depth: number }[] = [];
  const visit = (parentId: string | null, depth: number) => {
    for (const t of topics.filter((x) => x.parentId === parentId).sort((a, b) => a.sortOrder - b.sortOrder)) {
      out.push({ topic: t, depth });
      visit(t.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

interface TopicSelectProps {
  id: string;
  value: string;
  onChange(value: string): void;
  emptyLabel?: string;
  /** Which topic field the select sends: its id (default) or its code (imports). */
  by?: 'id' | 'code';
  required?: boolean;
  testId?: string;
  name?: string;
}

export function TopicSelect({ id, value, onChange, emptyLabel, by = 'id', required, testId, name }: TopicSelectProps) {
  const topics = useTopics();
  return (
    <select id={id} name={name} value={value} onChange={(e) => onChange(e.target.value)} required={required} data-testid={testId}>
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      {orderedTopics(topics.data ?? []).map(({ topic, depth }) => (
        <option key={topic.id} value={by === 'id' ? topic.id : topic.code}>
          {`${'\u00a0\u00a0'.repeat(depth)}${topic.name} (${topic.code})`}
        </option>
      ))}
    </select>
  );
}
