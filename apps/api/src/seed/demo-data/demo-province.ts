/**
 * Demo data: Tỉnh Khánh Hòa after the 2025 two-level reorganisation (it absorbed Ninh Thuận;
 * no more districts; 65 communes / wards / special zone directly under the province).
 *
 * Pure and deterministic: the unit tree is fixed (codes are stable across seeds); head counts,
 * names, dates, contacts and flags come from a small seeded PRNG (mulberry32), never Math.random.
 */
import { PersonCategory, PersonStatus, UnitLevel, foldVietnamese } from '@cchc/shared';

export interface DemoUnit {
  code: string;
  name: string;
  level: UnitLevel;
  parentCode: string | null;
}

export interface DemoPerson {
  staffCode: string;
  fullName: string;
  unitCode: string;
  category: PersonCategory;
  position: string | null;
  doesCchcWork: boolean;
  isLeader: boolean;
  gender: 'male' | 'female';
  /** YYYY-MM-DD */
  dateOfBirth: string;
  email: string | null;
  phone: string | null;
  status: PersonStatus;
}

export interface DemoProvince {
  units: DemoUnit[];
  people: DemoPerson[];
}

const DEFAULT_SEED = 20250701;
const DEFAULT_PEOPLE_COUNT = 5000;
const PROVINCE_CODE = 'KH';
const STAFF_CODE_PREFIX = 'KH';
const EMAIL_DOMAIN = 'khanhhoa.gov.vn';

const { CanBo, CongChuc, VienChuc, NguoiLaoDong } = PersonCategory;

// ---------------------------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------------------------

type Rng = () => number;

/** mulberry32: tiny, fast, good enough for demo data. Returns floats in [0, 1). */
function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

/** A weighted list with precomputed cumulative weights, for O(log n) picks. */
class Weighted<T> {
  private readonly items: T[];
  private readonly cumulative: number[];
  private readonly total: number;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    this.items = entries.map(([item]) => item);
    let sum = 0;
    this.cumulative = entries.map(([, weight]) => (sum += weight));
    this.total = sum;
  }

  pick(rng: Rng): T {
    const target = rng() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }
}

function uniform<T>(items: readonly T[]): Weighted<T> {
  return new Weighted(items.map((item) => [item, 1] as const));
}

// ---------------------------------------------------------------------------------------------
// Positions ("slots") and staffing templates
// ---------------------------------------------------------------------------------------------

interface Slot {
  position: string;
  category: PersonCategory;
  leader?: boolean;
  /** Probability (0..1) that the holder does CCHC work; `true` = 1. */
  cchc?: number | boolean;
  /** Share of women among holders of this post. */
  female?: number;
}

interface Template {
  /** Filled first, in order (heads, then deputies). */
  leaders: Slot[];
  /** Filled next, one each (the posts every unit of this kind has). */
  core: Slot[];
  /** Everyone else is drawn from this pool. */
  pool: Weighted<Slot>;
}

const LEADER_FEMALE = 0.25;

function lead(position: string, category: PersonCategory, cchc: number | boolean = false): Slot {
  return { position, category, leader: true, cchc, female: LEADER_FEMALE };
}

function pool(entries: Array<[Slot, number]>): Weighted<Slot> {
  return new Weighted(entries);
}

type UnitKind =
  | 'province'
  | 'department'
  | 'office'
  | 'inspectorate'
  | 'room'
  | 'branch'
  | 'board'
  | 'oneStop'
  | 'hospital'
  | 'healthCentre'
  | 'highSchool'
  | 'centre'
  | 'commune'
  | 'communeHealth'
  | 'communeSchool';

/** Internal description of a unit: what the public DemoUnit carries plus how to staff it. */
interface UnitSpec extends DemoUnit {
  kind: UnitKind;
  /** Head count at the default scale (5,000 people), before jitter. */
  weight: number;
  template: Template;
  /** Minimum CCHC probability for every non-leader of the unit (e.g. Phòng CCHC = 1). */
  cchc?: number;
  /** Share of ethnic-minority names among the unit's staff. */
  minority?: { kind: 'raglai' | 'cham'; share: number };
}

// --- templates -------------------------------------------------------------------------------

const PROVINCE_TEMPLATE: Template = {
  leaders: [
    lead('Chủ tịch UBND tỉnh', CanBo, true),
    lead('Phó Chủ tịch Thường trực UBND tỉnh', CanBo),
    lead('Phó Chủ tịch UBND tỉnh', CanBo, true),
    lead('Phó Chủ tịch UBND tỉnh', CanBo),
    lead('Phó Chủ tịch UBND tỉnh', CanBo),
  ],
  core: [],
  pool: pool([[{ position: 'Chuyên viên', category: CongChuc, female: 0.5 }, 1]]),
};

function departmentTemplate(head: string, deputy: string): Template {
  return {
    leaders: [lead(head, CongChuc, true), lead(deputy, CongChuc, 0.5), lead(deputy, CongChuc), lead(deputy, CongChuc)],
    core: [],
    pool: pool([[{ position: 'Chuyên viên', category: CongChuc, female: 0.5 }, 1]]),
  };
}

/** Staff pool of an ordinary phòng / ban: specialists, some senior, a few contract workers. */
function officerPool(main = 'Chuyên viên', senior = 'Chuyên viên chính', cchc = 0): Weighted<Slot> {
  return pool([
    [{ position: main, category: CongChuc, female: 0.5, cchc }, 12],
    [{ position: senior, category: CongChuc, female: 0.4, cchc }, 4],
    [{ position: 'Cán sự', category: CongChuc, female: 0.6, cchc }, 1],
    [{ position: 'Nhân viên hợp đồng', category: NguoiLaoDong, female: 0.5 }, 1],
  ]);
}

const OFFICE_TEMPLATE: Template = {
  leaders: [lead('Chánh Văn phòng', CongChuc, true), lead('Phó Chánh Văn phòng', CongChuc)],
  core: [
    { position: 'Chuyên viên', category: CongChuc, cchc: true, female: 0.6 },
    { position: 'Kế toán', category: CongChuc, female: 0.8 },
    { position: 'Văn thư', category: CongChuc, cchc: 0.5, female: 0.8 },
    { position: 'Lái xe', category: NguoiLaoDong, female: 0 },
  ],
  pool: pool([
    [{ position: 'Chuyên viên', category: CongChuc, cchc: 0.3, female: 0.55 }, 6],
    [{ position: 'Chuyên viên chính', category: CongChuc, cchc: 0.3, female: 0.45 }, 1],
    [{ position: 'Kế toán', category: CongChuc, female: 0.8 }, 1],
    [{ position: 'Văn thư', category: CongChuc, female: 0.8 }, 1],
    [{ position: 'Lái xe', category: NguoiLaoDong, female: 0 }, 1.5],
    [{ position: 'Bảo vệ', category: NguoiLaoDong, female: 0 }, 1],
    [{ position: 'Nhân viên phục vụ', category: NguoiLaoDong, female: 0.85 }, 1],
  ]),
};

function roomTemplate(head = 'Trưởng phòng', deputy = 'Phó Trưởng phòng', staff?: Weighted<Slot>): Template {
  return {
    leaders: [lead(head, CongChuc), lead(deputy, CongChuc)],
    core: [],
    pool: staff ?? officerPool(),
  };
}

const INSPECTORATE_TEMPLATE = roomTemplate(
  'Chánh Thanh tra',
  'Phó Chánh Thanh tra',
  officerPool('Thanh tra viên', 'Thanh tra viên chính'),
);

function branchTemplate(specialist?: string): Template {
  const entries: Array<[Slot, number]> = [
    [{ position: 'Chuyên viên', category: CongChuc, female: 0.45 }, 6],
    [{ position: 'Chuyên viên chính', category: CongChuc, female: 0.4 }, 2],
    [{ position: 'Kế toán', category: CongChuc, female: 0.8 }, 1],
    [{ position: 'Nhân viên hợp đồng', category: NguoiLaoDong, female: 0.4 }, 1],
  ];
  if (specialist) entries.push([{ position: specialist, category: CongChuc, female: 0.3 }, 10]);
  return {
    leaders: [
      lead('Chi cục trưởng', CongChuc),
      lead('Phó Chi cục trưởng', CongChuc),
      lead('Phó Chi cục trưởng', CongChuc),
    ],
    core: [{ position: 'Chuyên viên', category: CongChuc, cchc: true, female: 0.6 }],
    pool: pool(entries),
  };
}

const BOARD_TEMPLATE = roomTemplate('Trưởng ban', 'Phó Trưởng ban');

const ONE_STOP_TEMPLATE: Template = {
  leaders: [lead('Giám đốc Trung tâm', CongChuc, true), lead('Phó Giám đốc Trung tâm', CongChuc, true)],
  core: [],
  pool: pool([
    [{ position: 'Chuyên viên tiếp nhận và trả kết quả', category: CongChuc, cchc: true, female: 0.65 }, 6],
    [{ position: 'Chuyên viên', category: CongChuc, cchc: true, female: 0.55 }, 3],
    [{ position: 'Nhân viên hỗ trợ', category: NguoiLaoDong, female: 0.6 }, 1],
  ]),
};

const HOSPITAL_TEMPLATE: Template = {
  leaders: [lead('Giám đốc', VienChuc, true), lead('Phó Giám đốc', VienChuc), lead('Phó Giám đốc', VienChuc)],
  core: [
    { position: 'Trưởng phòng Tổ chức - Hành chính', category: VienChuc, cchc: true, female: 0.4 },
    { position: 'Chuyên viên Phòng Tổ chức - Hành chính', category: VienChuc, cchc: true, female: 0.6 },
    { position: 'Kế toán trưởng', category: VienChuc, female: 0.7 },
  ],
  pool: pool([
    [{ position: 'Bác sĩ', category: VienChuc, female: 0.45 }, 26],
    [{ position: 'Bác sĩ chuyên khoa I', category: VienChuc, female: 0.4 }, 6],
    [{ position: 'Điều dưỡng', category: VienChuc, female: 0.82 }, 36],
    [{ position: 'Hộ sinh', category: VienChuc, female: 1 }, 4],
    [{ position: 'Dược sĩ', category: VienChuc, female: 0.65 }, 5],
    [{ position: 'Kỹ thuật viên', category: VienChuc, female: 0.5 }, 8],
    [{ position: 'Kế toán', category: VienChuc, female: 0.8 }, 3],
    [{ position: 'Chuyên viên', category: VienChuc, cchc: 0.15, female: 0.55 }, 3],
    [{ position: 'Hộ lý', category: NguoiLaoDong, female: 0.85 }, 5],
    [{ position: 'Bảo vệ', category: NguoiLaoDong, female: 0 }, 2],
    [{ position: 'Lái xe', category: NguoiLaoDong, female: 0 }, 1],
  ]),
};

const HEALTH_CENTRE_TEMPLATE: Template = {
  leaders: [lead('Giám đốc', VienChuc, true), lead('Phó Giám đốc', VienChuc), lead('Phó Giám đốc', VienChuc)],
  core: [{ position: 'Chuyên viên Phòng Tổ chức - Hành chính', category: VienChuc, cchc: true, female: 0.6 }],
  pool: pool([
    [{ position: 'Bác sĩ', category: VienChuc, female: 0.45 }, 22],
    [{ position: 'Y sĩ', category: VienChuc, female: 0.55 }, 10],
    [{ position: 'Điều dưỡng', category: VienChuc, female: 0.8 }, 25],
    [{ position: 'Hộ sinh', category: VienChuc, female: 1 }, 6],
    [{ position: 'Dược sĩ', category: VienChuc, female: 0.65 }, 5],
    [{ position: 'Kỹ thuật viên', category: VienChuc, female: 0.5 }, 7],
    [{ position: 'Kế toán', category: VienChuc, female: 0.8 }, 3],
    [{ position: 'Chuyên viên', category: VienChuc, cchc: 0.15, female: 0.55 }, 3],
    [{ position: 'Hộ lý', category: NguoiLaoDong, female: 0.85 }, 3],
    [{ position: 'Bảo vệ', category: NguoiLaoDong, female: 0 }, 2],
  ]),
};

function schoolTemplate(level: 'THPT' | 'THCS' | 'TH' | 'MN'): Template {
  const teacherFemale = level === 'MN' ? 0.98 : level === 'TH' ? 0.8 : level === 'THCS' ? 0.7 : 0.6;
  const support: Array<[Slot, number]> =
    level === 'MN'
      ? [
          [{ position: 'Nhân viên nấu ăn', category: NguoiLaoDong, female: 0.9 }, 6],
          [{ position: 'Nhân viên y tế trường học', category: VienChuc, female: 0.9 }, 1],
        ]
      : [
          [{ position: 'Nhân viên thư viện', category: VienChuc, female: 0.8 }, 2],
          [{ position: 'Nhân viên thiết bị, thí nghiệm', category: VienChuc, female: 0.6 }, level === 'TH' ? 0.5 : 2],
          [{ position: 'Nhân viên y tế trường học', category: VienChuc, female: 0.9 }, 1],
        ];
  return {
    leaders: [
      lead('Hiệu trưởng', VienChuc, true),
      lead('Phó Hiệu trưởng', VienChuc),
      ...(level === 'THPT' ? [lead('Phó Hiệu trưởng', VienChuc)] : []),
    ],
    core: [
      { position: 'Văn thư', category: VienChuc, cchc: 0.5, female: 0.85 },
      { position: 'Kế toán', category: VienChuc, female: 0.85 },
    ],
    pool: pool([
      [{ position: 'Giáo viên', category: VienChuc, female: teacherFemale, cchc: 0.03 }, 84],
      ...support,
      [{ position: 'Bảo vệ', category: NguoiLaoDong, female: 0 }, 3],
      [{ position: 'Nhân viên phục vụ', category: NguoiLaoDong, female: 0.9 }, 2],
    ]),
  };
}

function centreTemplate(specialist: string, category: PersonCategory = VienChuc): Template {
  return {
    leaders: [lead('Giám đốc', category, true), lead('Phó Giám đốc', category)],
    core: [
      { position: 'Chuyên viên', category, cchc: true, female: 0.6 },
      { position: 'Kế toán', category, female: 0.8 },
    ],
    pool: pool([
      [{ position: specialist, category, female: 0.5, cchc: 0.05 }, 8],
      [{ position: 'Chuyên viên', category, female: 0.55, cchc: 0.1 }, 3],
      [{ position: 'Nhân viên hợp đồng', category: NguoiLaoDong, female: 0.5 }, 1.5],
    ]),
  };
}

function communeTemplate(kind: 'Phường' | 'Xã' | 'Đặc khu'): Template {
  const landOfficer =
    kind === 'Phường'
      ? 'Công chức Địa chính - Xây dựng - Đô thị và Môi trường'
      : 'Công chức Địa chính - Nông nghiệp - Xây dựng và Môi trường';
  const economyRoom = kind === 'Phường' ? 'Kinh tế, Hạ tầng và Đô thị' : 'Kinh tế';
  return {
    leaders: [
      lead('Chủ tịch UBND', CanBo, 0.5),
      lead('Bí thư Đảng ủy', CanBo),
      lead('Phó Chủ tịch UBND', CanBo, 0.5),
      lead('Chủ tịch HĐND', CanBo),
      lead('Chánh Văn phòng HĐND và UBND', CongChuc, true),
      lead('Phó Chủ tịch UBND', CanBo),
      lead('Phó Bí thư Thường trực Đảng ủy', CanBo),
      { position: 'Chủ tịch Ủy ban MTTQ Việt Nam', category: CanBo, female: 0.3 },
      { position: 'Phó Chủ tịch HĐND', category: CanBo, female: 0.35 },
      lead(`Trưởng phòng ${economyRoom}`, CongChuc),
      lead('Trưởng phòng Văn hóa - Xã hội', CongChuc),
    ],
    core: [
      { position: 'Công chức Văn phòng - Thống kê', category: CongChuc, cchc: true, female: 0.6 },
      { position: 'Công chức Tư pháp - Hộ tịch', category: CongChuc, cchc: true, female: 0.55 },
      { position: 'Công chức Tài chính - Kế toán', category: CongChuc, female: 0.75 },
      { position: landOfficer, category: CongChuc, female: 0.3 },
      { position: 'Công chức Văn hóa - Xã hội', category: CongChuc, female: 0.55 },
      { position: 'Công chức Trung tâm Phục vụ hành chính công', category: CongChuc, cchc: 0.5, female: 0.6 },
      { position: 'Phó Chủ tịch Ủy ban MTTQ Việt Nam', category: CanBo, female: 0.5 },
    ],
    pool: pool([
      [{ position: 'Công chức Văn phòng - Thống kê', category: CongChuc, cchc: 0.1, female: 0.6 }, 3],
      [{ position: 'Công chức Tư pháp - Hộ tịch', category: CongChuc, cchc: 0.1, female: 0.55 }, 2],
      [{ position: 'Công chức Tài chính - Kế toán', category: CongChuc, female: 0.75 }, 2],
      [{ position: landOfficer, category: CongChuc, female: 0.3 }, 3],
      [{ position: 'Công chức Văn hóa - Xã hội', category: CongChuc, female: 0.55 }, 2],
      [{ position: `Chuyên viên Phòng ${economyRoom}`, category: CongChuc, female: 0.45 }, 3],
      [{ position: 'Chuyên viên Phòng Văn hóa - Xã hội', category: CongChuc, female: 0.55 }, 2],
      [{ position: 'Công chức Trung tâm Phục vụ hành chính công', category: CongChuc, cchc: 0.5, female: 0.6 }, 2],
      [{ position: 'Phó Chủ tịch Ủy ban MTTQ Việt Nam', category: CanBo, female: 0.5 }, 0.5],
      [{ position: 'Nhân viên hợp đồng', category: NguoiLaoDong, female: 0.5 }, 1],
    ]),
  };
}

const COMMUNE_HEALTH_TEMPLATE: Template = {
  leaders: [lead('Trạm trưởng', VienChuc, true)],
  core: [
    { position: 'Y sĩ', category: VienChuc, female: 0.55 },
    { position: 'Điều dưỡng', category: VienChuc, female: 0.85 },
  ],
  pool: pool([
    [{ position: 'Bác sĩ', category: VienChuc, female: 0.45 }, 2],
    [{ position: 'Y sĩ', category: VienChuc, female: 0.55 }, 3],
    [{ position: 'Điều dưỡng', category: VienChuc, female: 0.85 }, 3],
    [{ position: 'Hộ sinh', category: VienChuc, female: 1 }, 2],
    [{ position: 'Dược sĩ', category: VienChuc, female: 0.7 }, 1],
  ]),
};

const SCHOOL_TEMPLATES = {
  THPT: schoolTemplate('THPT'),
  THCS: schoolTemplate('THCS'),
  TH: schoolTemplate('TH'),
  MN: schoolTemplate('MN'),
};

// ---------------------------------------------------------------------------------------------
// The unit tree
// ---------------------------------------------------------------------------------------------

interface SubDef {
  code: string;
  name: string;
  kind: Exclude<UnitKind, 'province' | 'department' | 'commune' | 'communeHealth' | 'communeSchool'>;
  weight: number;
  template?: Template;
  cchc?: number;
}

interface DeptDef {
  code: string;
  name: string;
  head: string;
  deputy: string;
  subs: SubDef[];
}

const office = (weight = 14): SubDef => ({ code: 'VP', name: 'Văn phòng Sở', kind: 'office', weight });
const inspectorate = (weight = 6): SubDef => ({ code: 'TTR', name: 'Thanh tra Sở', kind: 'inspectorate', weight });
const room = (code: string, name: string, weight = 8, cchc?: number): SubDef => ({
  code,
  name,
  kind: 'room',
  weight,
  cchc,
});
const branch = (code: string, name: string, weight: number, specialist?: string): SubDef => ({
  code,
  name,
  kind: 'branch',
  weight,
  template: branchTemplate(specialist),
});
const centre = (code: string, name: string, weight: number, specialist: string): SubDef => ({
  code,
  name,
  kind: 'centre',
  weight,
  template: centreTemplate(specialist),
});
const hospital = (code: string, name: string, weight: number): SubDef => ({ code, name, kind: 'hospital', weight });
const healthCentre = (code: string, name: string, weight: number): SubDef => ({
  code,
  name,
  kind: 'healthCentre',
  weight,
});
const highSchool = (code: string, name: string, weight: number): SubDef => ({
  code,
  name,
  kind: 'highSchool',
  weight,
  template: SCHOOL_TEMPLATES.THPT,
});

const DEPARTMENTS: DeptDef[] = [
  {
    code: 'VP',
    name: 'Văn phòng UBND tỉnh',
    head: 'Chánh Văn phòng UBND tỉnh',
    deputy: 'Phó Chánh Văn phòng UBND tỉnh',
    subs: [
      { code: 'HCTC', name: 'Phòng Hành chính - Tổ chức', kind: 'office', weight: 14 },
      room('KT', 'Phòng Kinh tế', 8),
      room('KGVX', 'Phòng Khoa giáo - Văn xã', 7),
      room('KSTT', 'Phòng Kiểm soát thủ tục hành chính', 7, 1),
      { code: 'PVHCC', name: 'Trung tâm Phục vụ hành chính công tỉnh', kind: 'oneStop', weight: 22, cchc: 1 },
    ],
  },
  {
    code: 'SNV',
    name: 'Sở Nội vụ',
    head: 'Giám đốc Sở',
    deputy: 'Phó Giám đốc Sở',
    subs: [
      office(),
      room('CCHC', 'Phòng Cải cách hành chính', 8, 1),
      room('TCBC', 'Phòng Tổ chức, biên chế và tổ chức phi chính phủ', 8, 0.3),
      room('CCVC', 'Phòng Công chức, viên chức', 8, 0.3),
      { code: 'TDKT', name: 'Ban Thi đua - Khen thưởng', kind: 'board', weight: 10 },
      centre('TTLT', 'Trung tâm Lưu trữ lịch sử', 14, 'Lưu trữ viên'),
    ],
  },
  {
    code: 'STP',
    name: 'Sở Tư pháp',
    head: 'Giám đốc Sở',
    deputy: 'Phó Giám đốc Sở',
    subs: [
      office(12),
      room('XDVB', 'Phòng Xây dựng, kiểm tra và theo dõi thi hành pháp luật', 7, 0.5),
      room('PBGD', 'Phòng Phổ biến, giáo dục pháp luật', 6),
      room('HCTP', 'Phòng Hành chính tư pháp và Bổ trợ tư pháp', 7, 0.3),
      centre('TGPL', 'Trung tâm Trợ giúp pháp lý nhà nước', 16, 'Trợ giúp viên pháp lý'),
    ],
  },
  {
    code: 'STC',
    name: 'Sở Tài chính',
    head: 'Giám đốc Sở',
    deputy: 'Phó Giám đốc Sở',
    subs: [
      office(16),
      inspectorate(8),
      room('QLNS', 'Phòng Quản lý ngân sách', 12, 0.3),
      room('QLDT', 'Phòng Quản lý đầu tư', 10),
      room('DN', 'Phòng Doanh nghiệp, kinh tế tập thể và tư nhân', 9),
    ],
  },
  {
    code: 'SKHCN',
    name: 'Sở Khoa học và Công nghệ',
    head: 'Giám đốc Sở',
    deputy: 'Phó Giám đốc Sở',
    subs: [
      office(12),
      room('CDS', 'Phòng Chuyển đổi số', 8, 0.5),
      room('BCVT', 'Phòng Bưu chính, viễn thông', 6),
      branch('TDC', 'Chi cục Tiêu chuẩn Đo lường Chất lượng', 14),
      centre('CNTT', 'Trung tâm Chuyển đổi số và Công nghệ thông tin', 16, 'Kỹ sư công nghệ thông tin'),
    ],
  },
  {
    code: 'SGDDT',
    name: 'Sở Giáo dục và Đào tạo',
    head: 'Giám đốc Sở',
    deputy: 'Phó Giám đốc Sở',
    subs: [
      office(14),
      room('TCCB', 'Phòng Tổ chức cán bộ', 7, 0.3),
      room('GDTRH', 'Phòng Giáo dục Trung học', 7),
      room('GDMNTH', 'Phòng Giáo dục Mầm non - Tiểu học', 6),
      room('QLCL', 'Phòng Quản lý chất lượng', 6),
      highSchool('LQD', 'Trường THPT chuyên Lê Quý Đôn', 60),
      highSchool('LTT', 'Trường THPT Lý Tự Trọng', 62),
      highSchool('NVT', 'Trường THPT Nguyễn Văn Trỗi', 55),
      highSchool('HHT', 'Trường THPT Hoàng Hoa Thám', 52),
      highSchool('CVA', 'Trường THPT Chu Văn An', 55),
      highSchool('THAPCHAM', 'Trường THPT Tháp Chàm', 50),
    ],
  },
  {
    code: 'SYT',
    name: 'Sở Y tế',
    head: 'Giám đốc Sở',
    deputy: 'Phó Giám đốc Sở',
    subs: [
      office(12),
      room('NVY', 'Phòng Nghiệp vụ Y', 7),
      room('KHTC', 'Phòng Kế hoạch - Tài chính', 7),
      branch('DS', 'Chi cục Dân số', 10),
      hospital('BVDK', 'Bệnh viện Đa khoa tỉnh Khánh Hòa', 190),
      hospital('BVNT', 'Bệnh viện Đa khoa khu vực Ninh Thuận', 150),
      hospital('BVYHCT', 'Bệnh viện Y học cổ truyền và Phục hồi chức năng', 70),
      healthCentre('CDC', 'Trung tâm Kiểm soát bệnh tật tỉnh', 55),
      healthCentre('TTYTCR', 'Trung tâm Y tế khu vực Cam Ranh', 85),
      healthCentre('TTYTNH', 'Trung tâm Y tế khu vực Ninh Hòa', 85),
    ],
  },
  {
    code: 'SXD',
    name: 'Sở Xây dựng',
    head: 'Giám đốc Sở',
    deputy: 'Phó Giám đốc Sở',
    subs: [
      office(14),
      room('QLXD', 'Phòng Quản lý xây dựng', 9),
      room('QHKT', 'Phòng Quy hoạch - Kiến trúc', 8),
      room('QLGT', 'Phòng Quản lý kết cấu hạ tầng giao thông', 9),
      centre('KDXD', 'Trung tâm Kiểm định chất lượng xây dựng', 18, 'Kỹ sư'),
    ],
  },
  {
    code: 'SNNMT',
    name: 'Sở Nông nghiệp và Môi trường',
    head: 'Giám đốc Sở',
    deputy: 'Phó Giám đốc Sở',
    subs: [
      office(18),
      inspectorate(8),
      branch('KL', 'Chi cục Kiểm lâm', 30, 'Kiểm lâm viên'),
      branch('TSBD', 'Chi cục Thủy sản và Biển, hải đảo', 16),
      branch('QLDD', 'Chi cục Quản lý đất đai', 12),
      centre('KN', 'Trung tâm Khuyến nông', 18, 'Khuyến nông viên'),
      centre('VPDK', 'Văn phòng Đăng ký đất đai', 28, 'Chuyên viên đăng ký đất đai'),
    ],
  },
  {
    code: 'SCT',
    name: 'Sở Công Thương',
    head: 'Giám đốc Sở',
    deputy: 'Phó Giám đốc Sở',
    subs: [
      office(12),
      room('QLTM', 'Phòng Quản lý thương mại', 8),
      room('QLNL', 'Phòng Quản lý năng lượng', 7),
      branch('QLTT', 'Chi cục Quản lý thị trường', 30, 'Kiểm soát viên thị trường'),
      centre('KCXT', 'Trung tâm Khuyến công và Xúc tiến thương mại', 14, 'Chuyên viên xúc tiến thương mại'),
    ],
  },
  {
    code: 'SVHTTDL',
    name: 'Sở Văn hóa, Thể thao và Du lịch',
    head: 'Giám đốc Sở',
    deputy: 'Phó Giám đốc Sở',
    subs: [
      office(14),
      room('QLVH', 'Phòng Quản lý văn hóa và Gia đình', 8),
      room('QLDL', 'Phòng Quản lý du lịch', 7),
      room('TDTT', 'Phòng Quản lý thể dục thể thao', 6),
      centre('BT', 'Bảo tàng tỉnh', 14, 'Di sản viên'),
      centre('TV', 'Thư viện tỉnh', 14, 'Thư viện viên'),
    ],
  },
  {
    code: 'SDTTG',
    name: 'Sở Dân tộc và Tôn giáo',
    head: 'Giám đốc Sở',
    deputy: 'Phó Giám đốc Sở',
    subs: [
      office(12),
      room('CSDT', 'Phòng Chính sách dân tộc', 10),
      room('TG', 'Phòng Quản lý tôn giáo', 9),
      room('KHTC', 'Phòng Kế hoạch - Tài chính', 6),
    ],
  },
  {
    code: 'SNGV',
    name: 'Sở Ngoại vụ',
    head: 'Giám đốc Sở',
    deputy: 'Phó Giám đốc Sở',
    subs: [
      office(12),
      room('HTQT', 'Phòng Hợp tác quốc tế', 9),
      room('LS', 'Phòng Lãnh sự và Người Việt Nam ở nước ngoài', 8),
      room('TTDN', 'Phòng Thông tin đối ngoại', 6),
    ],
  },
  {
    code: 'TTT',
    name: 'Thanh tra tỉnh',
    head: 'Chánh Thanh tra tỉnh',
    deputy: 'Phó Chánh Thanh tra tỉnh',
    subs: [
      { code: 'VP', name: 'Văn phòng Thanh tra tỉnh', kind: 'office', weight: 12 },
      {
        code: 'NV1',
        name: 'Phòng Nghiệp vụ 1',
        kind: 'room',
        weight: 9,
        template: roomTemplate(undefined, undefined, officerPool('Thanh tra viên', 'Thanh tra viên chính')),
      },
      {
        code: 'NV2',
        name: 'Phòng Nghiệp vụ 2',
        kind: 'room',
        weight: 9,
        template: roomTemplate(undefined, undefined, officerPool('Thanh tra viên', 'Thanh tra viên chính')),
      },
      {
        code: 'PCTN',
        name: 'Phòng Phòng, chống tham nhũng',
        kind: 'room',
        weight: 8,
        template: roomTemplate(undefined, undefined, officerPool('Thanh tra viên', 'Thanh tra viên chính')),
      },
      room('TCD', 'Phòng Tiếp công dân và Xử lý đơn thư', 7),
    ],
  },
  {
    code: 'BQLKKT',
    name: 'Ban Quản lý Khu kinh tế Vân Phong',
    head: 'Trưởng ban',
    deputy: 'Phó Trưởng ban',
    subs: [
      { code: 'VP', name: 'Văn phòng Ban', kind: 'office', weight: 12 },
      room('QLDT', 'Phòng Quản lý đầu tư', 9),
      room('QHXD', 'Phòng Quản lý quy hoạch và xây dựng', 8),
      room('TNMT', 'Phòng Quản lý tài nguyên và môi trường', 7),
    ],
  },
  {
    code: 'VPDDBQH',
    name: 'Văn phòng Đoàn ĐBQH và HĐND tỉnh',
    head: 'Chánh Văn phòng',
    deputy: 'Phó Chánh Văn phòng',
    subs: [
      room('CTQH', 'Phòng Công tác Quốc hội', 9),
      room('CTHDND', 'Phòng Công tác HĐND', 10),
      { code: 'HCTCQT', name: 'Phòng Hành chính - Tổ chức - Quản trị', kind: 'office', weight: 14 },
    ],
  },
];

type CommuneType = 'Phường' | 'Xã' | 'Đặc khu';

interface CommuneDef {
  type: CommuneType;
  name: string;
  minority?: 'raglai' | 'cham';
}

const P = (name: string): CommuneDef => ({ type: 'Phường', name });
const X = (name: string, minority?: 'raglai' | 'cham'): CommuneDef => ({ type: 'Xã', name, minority });

/** 16 phường, 48 xã and đặc khu Trường Sa (Nghị quyết 1667/NQ-UBTVQH15). */
const COMMUNES: CommuneDef[] = [
  // Former Khánh Hòa.
  P('Nha Trang'),
  P('Bắc Nha Trang'),
  P('Tây Nha Trang'),
  P('Nam Nha Trang'),
  P('Bắc Cam Ranh'),
  P('Cam Ranh'),
  P('Cam Linh'),
  P('Ba Ngòi'),
  P('Ninh Hòa'),
  P('Đông Ninh Hòa'),
  P('Hòa Thắng'),
  X('Nam Cam Ranh'),
  X('Bắc Ninh Hòa'),
  X('Tân Định'),
  X('Nam Ninh Hòa'),
  X('Tây Ninh Hòa'),
  X('Hòa Trí'),
  X('Đại Lãnh'),
  X('Tu Bông'),
  X('Vạn Thắng'),
  X('Vạn Ninh'),
  X('Vạn Hưng'),
  X('Diên Khánh'),
  X('Diên Lạc'),
  X('Diên Điền'),
  X('Diên Lâm'),
  X('Diên Thọ'),
  X('Suối Hiệp'),
  X('Cam Lâm'),
  X('Suối Dầu'),
  X('Cam Hiệp'),
  X('Cam An'),
  X('Bắc Khánh Vĩnh', 'raglai'),
  X('Trung Khánh Vĩnh', 'raglai'),
  X('Tây Khánh Vĩnh', 'raglai'),
  X('Nam Khánh Vĩnh', 'raglai'),
  X('Khánh Vĩnh', 'raglai'),
  X('Khánh Sơn', 'raglai'),
  X('Tây Khánh Sơn', 'raglai'),
  X('Đông Khánh Sơn', 'raglai'),
  { type: 'Đặc khu', name: 'Trường Sa' },
  // Former Ninh Thuận.
  P('Phan Rang'),
  P('Đông Hải'),
  P('Ninh Chử'),
  P('Bảo An'),
  P('Đô Vinh'),
  X('Ninh Phước', 'cham'),
  X('Phước Hữu', 'cham'),
  X('Phước Hậu', 'cham'),
  X('Thuận Nam'),
  X('Cà Ná'),
  X('Phước Hà', 'raglai'),
  X('Phước Dinh', 'cham'),
  X('Ninh Hải'),
  X('Xuân Hải'),
  X('Vĩnh Hải'),
  X('Thuận Bắc'),
  X('Công Hải'),
  X('Ninh Sơn'),
  X('Lâm Sơn', 'raglai'),
  X('Anh Dũng'),
  X('Mỹ Sơn'),
  X('Bác Ái Đông', 'raglai'),
  X('Bác Ái', 'raglai'),
  X('Bác Ái Tây', 'raglai'),
];

function slug(name: string): string {
  return foldVietnamese(name)
    .replace(/[^a-z0-9]/g, '')
    .toUpperCase();
}

function templateForSub(sub: SubDef): Template {
  if (sub.template) return sub.template;
  switch (sub.kind) {
    case 'office':
      return OFFICE_TEMPLATE;
    case 'inspectorate':
      return INSPECTORATE_TEMPLATE;
    case 'room':
      return roomTemplate();
    case 'branch':
      return branchTemplate();
    case 'board':
      return BOARD_TEMPLATE;
    case 'oneStop':
      return ONE_STOP_TEMPLATE;
    case 'hospital':
      return HOSPITAL_TEMPLATE;
    case 'healthCentre':
      return HEALTH_CENTRE_TEMPLATE;
    case 'highSchool':
      return SCHOOL_TEMPLATES.THPT;
    case 'centre':
      return centreTemplate('Chuyên viên');
  }
}

const PUBLIC_SERVICE_KINDS: ReadonlySet<UnitKind> = new Set<UnitKind>([
  'hospital',
  'healthCentre',
  'highSchool',
  'centre',
  'communeHealth',
  'communeSchool',
]);

const COMMUNE_SCHOOLS = [
  { suffix: 'TH', label: 'Trường Tiểu học', template: SCHOOL_TEMPLATES.TH, weight: 24 },
  { suffix: 'THCS', label: 'Trường THCS', template: SCHOOL_TEMPLATES.THCS, weight: 28 },
  { suffix: 'MN', label: 'Trường Mầm non', template: SCHOOL_TEMPLATES.MN, weight: 18 },
] as const;

/** The fixed unit tree, independent of the seed. Built once. */
function buildUnitSpecs(): UnitSpec[] {
  const specs: UnitSpec[] = [];
  specs.push({
    code: PROVINCE_CODE,
    name: 'UBND tỉnh Khánh Hòa',
    level: UnitLevel.Province,
    parentCode: null,
    kind: 'province',
    weight: 5,
    template: PROVINCE_TEMPLATE,
  });

  for (const dept of DEPARTMENTS) {
    const deptCode = `${PROVINCE_CODE}.${dept.code}`;
    specs.push({
      code: deptCode,
      name: dept.name,
      level: UnitLevel.Department,
      parentCode: PROVINCE_CODE,
      kind: 'department',
      weight: 4,
      template: departmentTemplate(dept.head, dept.deputy),
    });
    for (const sub of dept.subs) {
      specs.push({
        code: `${deptCode}.${sub.code}`,
        name: sub.name,
        level: PUBLIC_SERVICE_KINDS.has(sub.kind) ? UnitLevel.PublicService : UnitLevel.SubUnit,
        parentCode: deptCode,
        kind: sub.kind,
        weight: sub.weight,
        template: templateForSub(sub),
        cchc: sub.cchc,
      });
    }
  }

  COMMUNES.forEach((commune, index) => {
    const code = `${PROVINCE_CODE}.X.${slug(commune.name)}`;
    const fullName = `${commune.type} ${commune.name}`;
    const lowerType = commune.type === 'Đặc khu' ? 'đặc khu' : commune.type.toLowerCase();
    const minority = commune.minority ? { kind: commune.minority, share: 0.45 } : undefined;
    const isIsland = commune.type === 'Đặc khu';
    specs.push({
      code,
      name: fullName,
      level: UnitLevel.Commune,
      parentCode: PROVINCE_CODE,
      kind: 'commune',
      weight: isIsland ? 14 : commune.type === 'Phường' ? 30 : 26,
      template: communeTemplate(commune.type),
      minority,
    });
    specs.push({
      code: `${code}.TYT`,
      name: `Trạm Y tế ${lowerType} ${commune.name}`,
      level: UnitLevel.PublicService,
      parentCode: code,
      kind: 'communeHealth',
      weight: isIsland ? 5 : 7,
      template: COMMUNE_HEALTH_TEMPLATE,
      minority,
    });
    // Two communes out of three also run a school (mầm non, tiểu học or THCS).
    if (index % 3 !== 2) {
      const school = COMMUNE_SCHOOLS[index % COMMUNE_SCHOOLS.length];
      specs.push({
        code: `${code}.${school.suffix}`,
        name: `${school.label} ${commune.name}`,
        level: UnitLevel.PublicService,
        parentCode: code,
        kind: 'communeSchool',
        weight: isIsland ? 8 : school.weight,
        template: school.template,
        minority,
      });
    }
  });

  const seen = new Set<string>();
  for (const spec of specs) {
    if (seen.has(spec.code)) throw new Error(`Duplicate demo unit code ${spec.code}`);
    seen.add(spec.code);
    spec.name = spec.name.normalize('NFC');
  }
  return specs;
}

let unitSpecsCache: UnitSpec[] | undefined;
function unitSpecs(): UnitSpec[] {
  return (unitSpecsCache ??= buildUnitSpecs());
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

const SURNAMES = new Weighted<string>([
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 6.5],
  ['Huỳnh', 3.5],
  ['Hoàng', 1.5],
  ['Phan', 4.5],
  ['Võ', 4.5],
  ['Vũ', 1],
  ['Đặng', 2],
  ['Bùi', 2],
  ['Đỗ', 1.5],
  ['Hồ', 2],
  ['Ngô', 1.5],
  ['Dương', 1],
  ['Lý', 0.6],
  ['Trương', 1.3],
  ['Đoàn', 0.9],
  ['Đinh', 0.8],
  ['Lương', 0.6],
  ['Cao', 0.6],
  ['Mai', 0.6],
  ['Châu', 0.5],
  ['Lâm', 0.5],
  ['Hà', 0.6],
  ['Thái', 0.4],
  ['Tô', 0.3],
  ['Tạ', 0.3],
  ['La', 0.2],
  ['Kiều', 0.2],
]);

const MALE_MIDDLE = new Weighted<string>([
  ['Văn', 30],
  ['Hữu', 6],
  ['Đức', 6],
  ['Minh', 8],
  ['Quốc', 5],
  ['Công', 4],
  ['Thanh', 6],
  ['Ngọc', 4],
  ['Xuân', 3],
  ['Quang', 5],
  ['Đình', 4],
  ['Tấn', 5],
  ['Trọng', 3],
  ['Anh', 2],
  ['Hoàng', 2],
  ['Duy', 2],
  ['Thành', 2],
  ['Bá', 1.5],
  ['Phước', 1.5],
]);

const FEMALE_MIDDLE = new Weighted<string>([
  ['Thị', 45],
  ['Ngọc', 8],
  ['Thanh', 5],
  ['Thu', 5],
  ['Minh', 3],
  ['Kim', 4],
  ['Hồng', 3],
  ['Bích', 3],
  ['Mỹ', 3],
  ['Phương', 2],
  ['Thùy', 3],
  ['Diệu', 1.5],
  ['Hoài', 2],
  ['Như', 2],
  ['Khánh', 1.5],
  ['Bảo', 1.5],
]);

/** Second middle name after "Thị" ("Nguyễn Thị Thu Hà"). */
const FEMALE_SECOND_MIDDLE = uniform(['Thu', 'Kim', 'Ngọc', 'Mỹ', 'Thanh', 'Hồng', 'Bích', 'Minh', 'Thúy', 'Hoài']);

const MALE_GIVEN = uniform([
  'An', 'Anh', 'Bảo', 'Bình', 'Cường', 'Chiến', 'Dũng', 'Duy', 'Đạt', 'Đông', 'Đức', 'Giang', 'Hải', 'Hào',
  'Hậu', 'Hiếu', 'Hiệp', 'Hoàng', 'Hòa', 'Hùng', 'Hưng', 'Huy', 'Khang', 'Khánh', 'Khoa', 'Kiên', 'Lâm',
  'Long', 'Lộc', 'Lợi', 'Luân', 'Minh', 'Nam', 'Nghĩa', 'Nhân', 'Phát', 'Phong', 'Phúc', 'Phước', 'Quân',
  'Quang', 'Quý', 'Sang', 'Sơn', 'Tài', 'Tâm', 'Tân', 'Thắng', 'Thành', 'Thiện', 'Thịnh', 'Thông', 'Tiến',
  'Tín', 'Toàn', 'Trí', 'Triều', 'Trung', 'Tuấn', 'Tùng', 'Văn', 'Việt', 'Vinh', 'Vũ', 'Vương',
]);

const FEMALE_GIVEN = uniform([
  'An', 'Anh', 'Ánh', 'Bích', 'Châu', 'Chi', 'Diễm', 'Dung', 'Duyên', 'Giang', 'Hà', 'Hằng', 'Hạnh', 'Hiền',
  'Hoa', 'Hồng', 'Huệ', 'Hương', 'Lan', 'Liên', 'Linh', 'Loan', 'Ly', 'Mai', 'My', 'Nga', 'Ngân', 'Ngọc',
  'Nhi', 'Nhung', 'Oanh', 'Phương', 'Phượng', 'Quyên', 'Quỳnh', 'Sương', 'Tâm', 'Thảo', 'Thanh', 'Thu',
  'Thúy', 'Thủy', 'Trang', 'Trâm', 'Trinh', 'Tuyết', 'Uyên', 'Vân', 'Vy', 'Xuân', 'Yến', 'Hậu', 'Nguyệt',
]);

/** Raglai (Khánh Sơn, Khánh Vĩnh, Bác Ái) and Cham (Ninh Phước, Thuận Nam) family names. */
const RAGLAI_SURNAMES = new Weighted<string>([
  ['Pi Năng', 4],
  ['Mấu', 4],
  ['Cao', 3],
  ['Katơr', 2],
  ['Chamaléa', 2],
  ['Bo Bo', 1],
  ['Pinăng', 1],
]);
const CHAM_SURNAMES = new Weighted<string>([
  ['Đàng', 4],
  ['Thuận', 2],
  ['Quảng', 2],
  ['Lưu', 1.5],
  ['Trượng', 1.5],
  ['Bá', 1.5],
  ['Thiên', 1],
  ['Từ', 1],
  ['Châu', 1],
  ['Tài', 1],
]);
const CHAM_MALE_MIDDLE = uniform(['Văn', 'Năng', 'Minh', 'Quang', 'Đại', 'Hữu', 'Ngọc']);

interface PersonName {
  surname: string;
  middle: string;
  given: string;
}

function makeName(rng: Rng, female: boolean, minority: UnitSpec['minority']): PersonName {
  let surname = SURNAMES.pick(rng);
  let middle = female ? FEMALE_MIDDLE.pick(rng) : MALE_MIDDLE.pick(rng);
  if (minority && chance(rng, minority.share)) {
    if (minority.kind === 'raglai') {
      surname = RAGLAI_SURNAMES.pick(rng);
      middle = female ? 'Thị' : 'Văn';
    } else {
      surname = CHAM_SURNAMES.pick(rng);
      middle = female ? 'Thị' : CHAM_MALE_MIDDLE.pick(rng);
    }
  } else if (female && middle === 'Thị' && chance(rng, 0.25)) {
    middle = `Thị ${FEMALE_SECOND_MIDDLE.pick(rng)}`;
  }
  let given = female ? FEMALE_GIVEN.pick(rng) : MALE_GIVEN.pick(rng);
  for (let tries = 0; tries < 5 && middle.split(' ').includes(given); tries++) {
    given = female ? FEMALE_GIVEN.pick(rng) : MALE_GIVEN.pick(rng);
  }
  return { surname, middle, given };
}

const nfcCache = new Map<string, string>();
/** NFC, memoised: the generator only ever sees a few hundred distinct words and titles. */
function nfc(text: string): string {
  let normalized = nfcCache.get(text);
  if (normalized === undefined) {
    normalized = text.normalize('NFC');
    nfcCache.set(text, normalized);
  }
  return normalized;
}

const asciiCache = new Map<string, string>();
/** "Thị Thu" -> "thithu". Cached: ICU normalisation is the slowest step of the generator. */
function asciiWord(text: string): string {
  let folded = asciiCache.get(text);
  if (folded === undefined) {
    folded = foldVietnamese(text).replace(/[^a-z0-9]/g, '');
    asciiCache.set(text, folded);
  }
  return folded;
}

/** "Nguyễn Văn An" -> "nvan.an"; "Pi Năng Thị Thu Hà" -> "pnthithu.ha". */
function emailLocalPart(name: PersonName): string {
  const initials = name.surname
    .split(' ')
    .map((word) => asciiWord(word).charAt(0))
    .join('');
  return `${initials}${asciiWord(name.middle)}.${asciiWord(name.given)}`;
}

// ---------------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------------

/** Largest-remainder apportionment of `total` over `weights` (deterministic tie-break by index). */
function apportion(weights: number[], total: number): number[] {
  const sum = weights.reduce((acc, w) => acc + w, 0);
  if (total === 0 || sum === 0) return weights.map(() => 0);
  const quotas = weights.map((w) => (w / sum) * total);
  const counts = quotas.map(Math.floor);
  let remaining = total - counts.reduce((acc, c) => acc + c, 0);
  const order = quotas
    .map((q, i) => ({ i, frac: q - Math.floor(q) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; remaining > 0; k = (k + 1) % order.length, remaining--) counts[order[k].i]++;
  return counts;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function dateOfBirth(rng: Rng, fromYear: number, toYear: number): string {
  // Triangular-ish: more people in the middle of the range than at its ends.
  const span = toYear - fromYear + 1;
  const year = fromYear + Math.min(span - 1, Math.floor(((rng() + rng()) / 2) * span));
  const month = randInt(rng, 1, 12);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = randInt(rng, 1, daysInMonth);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

function pickStatus(rng: Rng, leader: boolean): PersonStatus {
  if (leader) return PersonStatus.Active;
  const r = rng();
  if (r < 0.018) return PersonStatus.Retired;
  if (r < 0.036) return PersonStatus.Left;
  if (r < 0.048) return PersonStatus.OnLeave;
  return PersonStatus.Active;
}

const EMAIL_SHARE: Record<PersonCategory, number> = {
  [CanBo]: 0.7,
  [CongChuc]: 0.65,
  [VienChuc]: 0.4,
  [NguoiLaoDong]: 0.15,
};

/** Everyone else may be touched by CCHC work occasionally (e.g. a reform focal point in a unit). */
const BASE_CCHC_SHARE = 0.02;

function cchcProbability(value: Slot['cchc']): number {
  if (value === true) return 1;
  if (typeof value === 'number') return value;
  return 0;
}

export function buildDemoProvince(options: { seed?: number; peopleCount?: number } = {}): DemoProvince {
  const seed = options.seed ?? DEFAULT_SEED;
  const peopleCount = options.peopleCount ?? DEFAULT_PEOPLE_COUNT;
  if (!Number.isInteger(peopleCount) || peopleCount < 0) {
    throw new RangeError(`peopleCount must be a non-negative integer, got ${peopleCount}`);
  }
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);

  const specs = unitSpecs();
  const units: DemoUnit[] = specs.map(({ code, name, level, parentCode }) => ({ code, name, level, parentCode }));

  const rng = mulberry32(seed);
  // Jitter head counts ±25% (the province leadership is not jittered).
  const weights = specs.map((spec) => (spec.kind === 'province' ? spec.weight : spec.weight * (0.75 + rng() * 0.5)));
  const counts = apportion(weights, peopleCount);

  const people: DemoPerson[] = [];
  const emails = new Set<string>();
  const phones = new Set<string>();

  specs.forEach((spec, unitIndex) => {
    const count = counts[unitIndex];
    const { leaders, core } = spec.template;
    for (let k = 0; k < count; k++) {
      const fromPool = k >= leaders.length + core.length;
      const slot = fromPool ? spec.template.pool.pick(rng) : k < leaders.length ? leaders[k] : core[k - leaders.length];
      const leader = slot.leader === true;
      const female = chance(rng, slot.female ?? 0.5);
      const name = makeName(rng, female, spec.minority);
      // Joining NFC words with ASCII spaces keeps the whole NFC.
      const fullName = `${nfc(name.surname)} ${nfc(name.middle)} ${nfc(name.given)}`;

      let pCchc = Math.max(cchcProbability(slot.cchc), BASE_CCHC_SHARE);
      // A reform-oriented unit (Phòng CCHC, one-stop centre...) lends its share to everyone; its head always counts.
      if (spec.cchc !== undefined) pCchc = Math.max(pCchc, k === 0 && spec.cchc >= 0.3 ? 1 : spec.cchc);
      const doesCchcWork = chance(rng, pCchc);

      const status = pickStatus(rng, leader);
      let dob: string;
      if (status === PersonStatus.Retired) dob = dateOfBirth(rng, 1966, female ? 1969 : 1966);
      else if (k < leaders.length) dob = dateOfBirth(rng, female ? 1969 : 1966, 1985);
      else dob = dateOfBirth(rng, female ? 1969 : 1966, 2002);

      let email: string | null = null;
      if (chance(rng, EMAIL_SHARE[slot.category])) {
        const base = emailLocalPart(name);
        let local = base;
        for (let n = 2; emails.has(local); n++) local = `${base}${n}`;
        emails.add(local);
        email = `${local}@${EMAIL_DOMAIN}`;
      }

      let phone: string | null = null;
      if (chance(rng, 0.5)) {
        do {
          phone = `09${String(Math.floor(rng() * 1e8)).padStart(8, '0')}`;
        } while (phones.has(phone));
        phones.add(phone);
      }

      people.push({
        staffCode: `${STAFF_CODE_PREFIX}${String(people.length + 1).padStart(6, '0')}`,
        fullName,
        unitCode: spec.code,
        category: slot.category,
        // A few imported records come without a position.
        position: fromPool && chance(rng, 0.01) ? null : nfc(slot.position),
        doesCchcWork,
        isLeader: leader,
        gender: female ? 'female' : 'male',
        dateOfBirth: dob,
        email,
        phone,
        status,
      });
    }
  });

  return { units, people };
}
