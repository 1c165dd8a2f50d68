import type { TopicDto } from '@cchc/shared';
import { useT } from '../../i18n/i18n';
import { useTopics } from '../use-library';

/** Topics in tree order, sub-topics indented under their programme. */
export function orderedTopics(topics: TopicDto[]): { topic: TopicDto; depth: number }[] {
  const children = new Map<string | null, TopicDto[]>();
  for (const topic of topics) children.set(topic.parentId, [...(children.get(topic.parentId) ?? []), topic]);
  const ids = new Set(topics.map((x) => x.id));
  const out: { topic: TopicDto; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const topic of children.get(parent) ?? []) {
      out.push({ topic, depth });
      walk(topic.id, depth + 1);
    }
  };
  walk(null, 0);
  // Topics whose parent is inactive still appear, at the top level.
  for (const topic of topics) if (topic.parentId && !ids.has(topic.parentId)) out.push({ topic, depth: 0 });
  return out;
}

interface TopicSelectProps {
  id: string;
  name: string;
  defaultValue?: string;
  value?: string;
  onChange?(value: string): void;
  emptyLabel: string;
  testId?: string;
}

export function TopicSelect({ id, name, defaultValue, value, onChange, emptyLabel, testId }: TopicSelectProps) {
  const { lang } = useT();
  const topics = useTopics();
  return (
    <select
      id={id}
      name={name}
      defaultValue={value === undefined ? defaultValue : undefined}
      value={value}
      onChange={onChange ? (e) => onChange(e.target.value) : undefined}
      data-testid={testId}
    >
      <option value="">{emptyLabel}</option>
      {orderedTopics(topics.data ?? []).map(({ topic, depth }) => (
        <option key={topic.id} value={topic.id}>
          {'\u00a0\u00a0'.repeat(depth)}
          {lang === 'en' && topic.nameEn ? topic.nameEn : topic.name}
        </option>
      ))}
    </select>
  );
}
