export enum PersonCategory {
  CanBo = 'can_bo',
  CongChuc = 'cong_chuc',
  VienChuc = 'vien_chuc',
  NguoiLaoDong = 'nguoi_lao_dong',
}

export const PERSON_CATEGORIES: readonly PersonCategory[] = Object.values(PersonCategory);

export const PERSON_CATEGORY_LABELS: Record<PersonCategory, { vi: string; en: string }> = {
  [PersonCategory.CanBo]: { vi: 'Cán bộ', en: 'Elected official' },
  [PersonCategory.CongChuc]: { vi: 'Công chức', en: 'Civil servant' },
  [PersonCategory.VienChuc]: { vi: 'Viên chức', en: 'Public employee' },
  [PersonCategory.NguoiLaoDong]: { vi: 'Người lao động', en: 'Contract worker' },
};

export enum PersonStatus {
  Active = 'active',
  OnLeave = 'on_leave',
  Retired = 'retired',
  Left = 'left',
}

export const PERSON_STATUSES: readonly PersonStatus[] = Object.values(PersonStatus);

export const PERSON_STATUS_LABELS: Record<PersonStatus, { vi: string; en: string }> = {
  [PersonStatus.Active]: { vi: 'Đang công tác', en: 'Active' },
  [PersonStatus.OnLeave]: { vi: 'Tạm nghỉ', en: 'On leave' },
  [PersonStatus.Retired]: { vi: 'Đã nghỉ hưu', en: 'Retired' },
  [PersonStatus.Left]: { vi: 'Đã nghỉ việc', en: 'Left' },
};

/** Retired and departed people leave every denominator but keep their history. */
export function countsInDenominators(status: PersonStatus): boolean {
  return status === PersonStatus.Active || status === PersonStatus.OnLeave;
}

export enum UnitChangeReason {
  Hire = 'hire',
  Transfer = 'transfer',
  Merge = 'merge',
  Import = 'import',
}
