import { hasSearchableText, normalizeSearchQuery } from '@cchc/shared';
import { useDebouncedValue } from './use-debounced-value';

/**
 * A search box's text as the query to send, with the API's rule: composed (NFC) and trimmed; no query while the box
 * is empty; and `unsearchable` (nothing to send, a message to show) when it holds only punctuation or spaces.
 */
export function useSearchQuery(text: string, delay = 400): { q: string | undefined; unsearchable: boolean } {
  const debounced = useDebouncedValue(text, delay);
  if (debounced === '') return { q: undefined, unsearchable: false };
  if (!hasSearchableText(debounced)) return { q: undefined, unsearchable: true };
  return { q: normalizeSearchQuery(debounced), unsearchable: false };
}
