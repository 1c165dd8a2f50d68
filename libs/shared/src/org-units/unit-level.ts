export enum UnitLevel {
  /** The national root above the provinces (one deployment for many provinces). */
  Nation = 'nation',
  Province = 'province',
  Department = 'department',
  District = 'district',
  Commune = 'commune',
  SubUnit = 'sub_unit',
  PublicService = 'public_service',
}

/** The levels a unit can be created with (the national root is made once, by the seed or the upgrade). */
export const UNIT_LEVELS: readonly UnitLevel[] = Object.values(UnitLevel).filter((l) => l !== UnitLevel.Nation);

export const UNIT_LEVEL_LABELS: Record<UnitLevel, { vi: string; en: string }> = {
  [UnitLevel.Nation]: { vi: 'Toàn quốc', en: 'Nation' },
  [UnitLevel.Province]: { vi: 'Cấp tỉnh', en: 'Province' },
  [UnitLevel.Department]: { vi: 'Sở, ban, ngành', en: 'Department / agency' },
  [UnitLevel.District]: { vi: 'Cấp huyện (trước 2025)', en: 'District (legacy)' },
  [UnitLevel.Commune]: { vi: 'Cấp xã, phường', en: 'Commune / ward' },
  [UnitLevel.SubUnit]: { vi: 'Phòng, đơn vị trực thuộc', en: 'Sub-unit' },
  [UnitLevel.PublicService]: { vi: 'Đơn vị sự nghiệp', en: 'Public service unit' },
};

export enum UnitStatus {
  Active = 'active',
  Closed = 'closed',
  Merged = 'merged',
}
