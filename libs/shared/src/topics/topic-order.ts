import { compareVi } from '../text/vi-format';
import type { TopicDto } from './topic';

/**
 * The one order of topics wherever they are listed or picked: the tree (programme, then its fields and skills),
 * siblings by their sort order and then in Vietnamese dictionary order; a topic whose parent is not in the list
 * (inactive, filtered out) stands at the top level instead of disappearing.
 */
export function topicsInTreeOrder<T extends Pick<TopicDto, 'id' | 'parentId' | 'sortOrder' | 'name'>>(topics: readonly T[]): { topic: T; depth: number }[] {
  const ids = new Set(topics.map((t) => t.id));
  const children = new Map<string | null, T[]>();
  for (const t of topics) {
    const parent = t.parentId && ids.has(t.parentId) ? t.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), t]);
  }
  const out: { topic: T; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const t of [...(children.get(parent) ?? [])].sort((a, b) => a.sortOrder - b.sortOrder || compareVi(a.name, b.name))) {
      if (seen.has(t.id)) continue; // a cycle in bad data must not loop forever
      seen.add(t.id);
      out.push({ topic: t, depth });
      walk(t.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
