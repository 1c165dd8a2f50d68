/**
 * A second, smaller demo province (Tỉnh Lai Châu, unchanged by the 2025 reorganisation) so that one deployment with
 * several provinces can be seen: its own coordinator and unit officer, its people invisible to Khánh Hòa's and back.
 * Pure and deterministic (a seeded PRNG, never Math.random), and small (~300 people) so the demo seed stays fast.
 */
import { PersonCategory, PersonStatus, UnitLevel } from '@cchc/shared';
import type { DemoPerson, DemoProvince, DemoUnit } from './demo-province';

export const SECOND_PROVINCE_CODE = 'LC';
export const SECOND_PROVINCE_NAME = 'UBND tỉnh Lai Châu';

const UNITS: (DemoUnit & { people: number })[] = [
  { code: 'LC', name: SECOND_PROVINCE_NAME, level: UnitLevel.Province, parentCode: null, people: 8 },
  { code: 'LC.SNV', name: 'Sở Nội vụ tỉnh Lai Châu', level: UnitLevel.Department, parentCode: 'LC', people: 30 },
  { code: 'LC.STP', name: 'Sở Tư pháp tỉnh Lai Châu', level: UnitLevel.Department, parentCode: 'LC', people: 24 },
  { code: 'LC.VP', name: 'Văn phòng UBND tỉnh Lai Châu', level: UnitLevel.Department, parentCode: 'LC', people: 28 },
  { code: 'LC.SNV.CCHC', name: 'Phòng Cải cách hành chính (Sở Nội vụ Lai Châu)', level: UnitLevel.SubUnit, parentCode: 'LC.SNV', people: 8 },
  { code: 'LC.P.TANPHONG', name: 'Phường Tân Phong', level: UnitLevel.Commune, parentCode: 'LC', people: 36 },
  { code: 'LC.P.DOANKET', name: 'Phường Đoàn Kết', level: UnitLevel.Commune, parentCode: 'LC', people: 32 },
  { code: 'LC.X.TAMDUONG', name: 'Xã Tam Đường', level: UnitLevel.Commune, parentCode: 'LC', people: 30 },
  { code: 'LC.X.SINHO', name: 'Xã Sìn Hồ', level: UnitLevel.Commune, parentCode: 'LC', people: 28 },
  { code: 'LC.X.PHONGTHO', name: 'Xã Phong Thổ', level: UnitLevel.Commune, parentCode: 'LC', people: 26 },
  { code: 'LC.X.THANUYEN', name: 'Xã Than Uyên', level: UnitLevel.Commune, parentCode: 'LC', people: 30 },
  { code: 'LC.X.MUONGTE', name: 'Xã Mường Tè', level: UnitLevel.Commune, parentCode: 'LC', people: 24 },
];

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Lò', 'Lường', 'Tao', 'Vàng', 'Giàng', 'Sùng', 'Đỗ', 'Bùi', 'Vũ'];
const MALE = [['Văn', 'Minh'], ['Đức', 'Anh'], ['Văn', 'Thắng'], ['Quốc', 'Huy'], ['A', 'Páo'], ['Văn', 'Dũng'], ['Hữu', 'Nam'], ['Xuân', 'Trường']];
const FEMALE = [['Thị', 'Hoa'], ['Thị', 'Mai'], ['Thu', 'Hằng'], ['Thị', 'Lan'], ['Thị', 'Dung'], ['Ngọc', 'Ánh'], ['Thị', 'Sua'], ['Minh', 'Thu']];
const POSITIONS = ['Chuyên viên', 'Chuyên viên chính', 'Công chức văn phòng - thống kê', 'Công chức tư pháp - hộ tịch', 'Cán sự', 'Nhân viên'];

function rngOf(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The second province's units (its root has no parent here; the seed puts it under the national root) and people. */
export function buildSecondProvince(seed = 20250702): DemoProvince {
  const rng = rngOf(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)];
  const units: DemoUnit[] = UNITS.map(({ code, name, level, parentCode }) => ({ code, name, level, parentCode }));
  const people: DemoPerson[] = [];
  let n = 0;
  for (const unit of UNITS) {
    for (let k = 0; k < unit.people; k++) {
      n++;
      const female = rng() < 0.5;
      const [middle, given] = pick(female ? FEMALE : MALE);
      const leader = k < 2;
      const commune = unit.level === UnitLevel.Commune;
      const year = 1968 + Math.floor(rng() * 34);
      const month = 1 + Math.floor(rng() * 12);
      const day = 1 + Math.floor(rng() * 28);
      const roll = rng();
      people.push({
        staffCode: `LC${String(n).padStart(5, '0')}`,
        fullName: `${pick(SURNAMES)} ${middle} ${given}`,
        unitCode: unit.code,
        category: leader && commune ? PersonCategory.CanBo : roll < 0.08 ? PersonCategory.NguoiLaoDong : roll < 0.2 ? PersonCategory.VienChuc : PersonCategory.CongChuc,
        position: leader ? (k === 0 ? (commune ? 'Chủ tịch UBND' : 'Giám đốc') : 'Phó Giám đốc') : pick(POSITIONS),
        doesCchcWork: unit.code.endsWith('CCHC') || rng() < 0.25,
        isLeader: leader,
        gender: female ? 'female' : 'male',
        dateOfBirth: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
        email: rng() < 0.6 ? `lc${String(n).padStart(5, '0')}@laichau.gov.vn` : null,
        phone: null,
        status: rng() < 0.03 ? PersonStatus.Retired : PersonStatus.Active,
      });
    }
  }
  return { units, people };
}
