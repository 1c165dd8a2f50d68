import { useMemo } from 'react';
import { topicsInTreeOrder } from '@cchc/shared';
import { useT } from '../../i18n/i18n';
import { useTopics } from '../use-topics';

interface TopicSelectProps {
  id: string;
  /** Controlled: the chosen value and its change. Uncontrolled (forms read by FormData): `name` and `defaultValue`. */
  value?: string;
  onChange?(value: string): void;
  defaultValue?: string;
  name?: string;
  /** Label of the empty option ("Tất cả", "Chọn chủ đề"...); omitted = no empty option. */
  emptyLabel?: string;
  /** Which field the select sends: the topic's id (default) or its code (imports). */
  by?: 'id' | 'code';
  /** Only active topics (pickers for new things); filters keep retired ones so old records stay findable. */
  activeOnly?: boolean;
  required?: boolean;
  invalid?: boolean;
  testId?: string;
  ariaLabel?: string;
}

/** The one topic picker: topics in tree order (`topicsInTreeOrder`), sub-topics indented under their programme. */
export function TopicSelect({ id, value, onChange, defaultValue, name, emptyLabel, by = 'id', activeOnly, required, invalid, testId, ariaLabel }: TopicSelectProps) {
  const { lang } = useT();
  const topics = useTopics();
  const options = useMemo(() => topicsInTreeOrder((topics.data ?? []).filter((t) => !activeOnly || t.active)), [topics.data, activeOnly]);
  return (
    <select
      id={id}
      name={name}
      value={value}
      defaultValue={value === undefined ? defaultValue : undefined}
      onChange={onChange ? (e) => onChange(e.target.value) : undefined}
      required={required}
      aria-invalid={invalid || undefined}
      aria-label={ariaLabel}
      data-testid={testId}
    >
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      {options.map(({ topic, depth }) => (
        <option key={topic.id} value={by === 'id' ? topic.id : topic.code}>
          {'\u00a0\u00a0\u00a0'.repeat(depth)}
          {lang === 'en' && topic.nameEn ? topic.nameEn : topic.name} ({topic.code})
        </option>
      ))}
    </select>
  );
}
