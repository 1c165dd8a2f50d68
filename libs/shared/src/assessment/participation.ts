/** Who in a round's audience has not submitted yet: the unit officer's follow-up list. */
export type NotTakenStatus = 'not_started' | 'in_progress';

export const NOT_TAKEN_STATUS_LABELS: Record<NotTakenStatus, { vi: string; en: string }> = {
  not_started: { vi: 'Chưa làm bài', en: 'Not started' },
  in_progress: { vi: 'Đang làm dở', en: 'In progress' },
};

export type NotTakenSort = 'fullName' | 'unit' | 'status';

export interface NotTakenPersonDto {
  personId: string;
  staffCode: string;
  fullName: string;
  position: string | null;
  unitId: string;
  unitName: string;
  status: NotTakenStatus;
  /** When the attempt in progress was started. */
  startedAt: string | null;
  /** Whether the person has an account (without one, nobody can be reminded in the app). */
  hasAccount: boolean;
}

export interface RemindResultDto {
  /** People reminded now (in the app; by e-mail too when configured and they have an address). */
  reminded: number;
  /** Already reminded today for this round: not reminded again. */
  alreadyToday: number;
  /** No account (or a disabled one): nobody to remind in the app. */
  withoutAccount: number;
  emails: number;
}

/**
 * Orders of the low-scorer lists (a round's, and the year's on the coverage page): lowest score first, by name (given
 * name first, as Vietnamese lists are read), by unit, or latest first.
 */
export type LowScorerSort = 'score' | 'fullName' | 'unit' | 'date';
export const LOW_SCORER_SORTS: readonly LowScorerSort[] = ['score', 'fullName', 'unit', 'date'];
