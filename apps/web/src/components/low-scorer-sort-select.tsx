import { LOW_SCORER_SORTS, type LowScorerSort } from '@cchc/shared';
import { useT, type MessageKey } from '../i18n/i18n';

const LABELS: Record<LowScorerSort, MessageKey> = {
  score: 'lowScorers.sort.score',
  fullName: 'lowScorers.sort.fullName',
  unit: 'lowScorers.sort.unit',
  date: 'lowScorers.sort.date',
};

/** The order of a low-scorer (or commendation) list; `best` says "highest score first" for commendations. */
export function LowScorerSortSelect({ id, value, onChange, best = false }: { id: string; value: LowScorerSort; onChange: (sort: LowScorerSort) => void; best?: boolean }) {
  const { t } = useT();
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value as LowScorerSort)} data-testid={id}>
      {LOW_SCORER_SORTS.map((s) => (
        <option key={s} value={s}>
          {s === 'score' && best ? t('lowScorers.sort.scoreBest') : t(LABELS[s])}
        </option>
      ))}
    </select>
  );
}
