import { PersonCategory, PersonStatus, UnitLevel } from '@cchc/shared';
import { buildDemoProvince, DemoPerson, DemoProvince, DemoUnit } from './demo-province';

const VIETNAMESE_LETTER = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

function share<T>(items: T[], predicate: (item: T) => boolean): number {
  return items.filter(predicate).length / items.length;
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

describe('buildDemoProvince', () => {
  let demo: DemoProvince;
  let unitsByCode: Map<string, DemoUnit>;
  let people: DemoPerson[];

  beforeAll(() => {
    demo = buildDemoProvince();
    unitsByCode = new Map(demo.units.map((unit) => [unit.code, unit]));
    people = demo.people;
  });

  const levelOf = (person: DemoPerson) => unitsByCode.get(person.unitCode)!.level;

  describe('determinism and size', () => {
    it('returns the same province for the same seed', () => {
      expect(buildDemoProvince({ seed: 42, peopleCount: 800 })).toEqual(buildDemoProvince({ seed: 42, peopleCount: 800 }));
      expect(buildDemoProvince()).toEqual(demo);
    });

    it('varies the people, not the unit tree, with the seed', () => {
      const a = buildDemoProvince({ seed: 1, peopleCount: 500 });
      const b = buildDemoProvince({ seed: 2, peopleCount: 500 });
      expect(a.units).toEqual(b.units);
      expect(a.units).toEqual(demo.units);
      expect(a.people.map((p) => p.fullName)).not.toEqual(b.people.map((p) => p.fullName));
    });

    it('produces 5,000 people by default and exactly the requested count otherwise', () => {
      expect(people).toHaveLength(5000);
      for (const peopleCount of [0, 1, 7, 123, 12_000]) {
        expect(buildDemoProvince({ seed: 3, peopleCount }).people).toHaveLength(peopleCount);
      }
    });

    it('rejects a negative or fractional count', () => {
      expect(() => buildDemoProvince({ peopleCount: -1 })).toThrow(RangeError);
      expect(() => buildDemoProvince({ peopleCount: 2.5 })).toThrow(RangeError);
    });

    it('is fast enough to run on every seed', () => {
      buildDemoProvince({ seed: 99 }); // warm up
      const started = performance.now();
      buildDemoProvince({ seed: 100, peopleCount: 5000 });
      // The target is < 200 ms (about 15 ms in plain Node); the bound is loose for busy CI machines.
      expect(performance.now() - started).toBeLessThan(1000);
    });
  });

  describe('unit tree', () => {
    it('has unique codes', () => {
      expect(unitsByCode.size).toBe(demo.units.length);
    });

    it('has one root, the province, and every parentCode resolves without cycles', () => {
      const roots = demo.units.filter((unit) => unit.parentCode === null);
      expect(roots).toEqual([{ code: 'KH', name: 'UBND tỉnh Khánh Hòa', level: UnitLevel.Province, parentCode: null }]);
      for (const unit of demo.units) {
        let current: DemoUnit = unit;
        for (let depth = 0; current.parentCode !== null; depth++) {
          expect(depth).toBeLessThan(10);
          const parent = unitsByCode.get(current.parentCode);
          expect(parent).toBeDefined();
          current = parent!;
        }
        expect(current.code).toBe('KH');
      }
    });

    it('uses short, hierarchical codes', () => {
      for (const unit of demo.units) {
        expect(unit.code).toMatch(/^KH(\.[A-Z0-9]+)*$/);
        if (unit.parentCode) expect(unit.code.startsWith(`${unit.parentCode}.`)).toBe(true);
      }
      expect(unitsByCode.get('KH.SNV')?.name).toBe('Sở Nội vụ');
      expect(unitsByCode.get('KH.SNV.CCHC')?.name).toBe('Phòng Cải cách hành chính');
      expect(unitsByCode.get('KH.X.NHATRANG')?.name).toBe('Phường Nha Trang');
    });

    it('has no district level (two-level local government since 2025)', () => {
      expect(demo.units.some((unit) => unit.level === UnitLevel.District)).toBe(false);
    });

    it('has 55–70 communes and wards directly under the province, including đặc khu Trường Sa', () => {
      const communes = demo.units.filter((unit) => unit.level === UnitLevel.Commune);
      expect(communes.length).toBeGreaterThanOrEqual(55);
      expect(communes.length).toBeLessThanOrEqual(70);
      expect(communes.every((unit) => unit.parentCode === 'KH')).toBe(true);
      expect(communes.every((unit) => /^(Xã|Phường|Đặc khu) /.test(unit.name))).toBe(true);
      expect(communes.map((unit) => unit.name)).toEqual(
        expect.arrayContaining(['Phường Nha Trang', 'Phường Phan Rang', 'Xã Bác Ái', 'Đặc khu Trường Sa']),
      );
      expect(new Set(communes.map((unit) => unit.name)).size).toBe(communes.length);
    });

    it('has at least 15 departments under the province, including the Văn phòng UBND tỉnh', () => {
      const departments = demo.units.filter((unit) => unit.level === UnitLevel.Department);
      expect(departments.length).toBeGreaterThanOrEqual(15);
      expect(departments.every((unit) => unit.parentCode === 'KH')).toBe(true);
      expect(departments.map((unit) => unit.name)).toEqual(
        expect.arrayContaining(['Văn phòng UBND tỉnh', 'Sở Nội vụ', 'Sở Tư pháp', 'Sở Y tế', 'Sở Giáo dục và Đào tạo']),
      );
    });

    it('puts sub-units under departments, and public service units under departments or communes', () => {
      const childCounts = countBy(
        demo.units.filter((unit) => unit.parentCode),
        (unit) => unit.parentCode!,
      );
      for (const unit of demo.units) {
        const parent = unit.parentCode ? unitsByCode.get(unit.parentCode)! : undefined;
        if (unit.level === UnitLevel.SubUnit) expect(parent?.level).toBe(UnitLevel.Department);
        if (unit.level === UnitLevel.PublicService) {
          expect([UnitLevel.Department, UnitLevel.Commune]).toContain(parent?.level);
        }
        if (unit.level === UnitLevel.Department) expect(childCounts[unit.code]).toBeGreaterThanOrEqual(2);
        if (unit.level === UnitLevel.Commune) {
          expect(childCounts[unit.code]).toBeGreaterThanOrEqual(1);
          expect(childCounts[unit.code]).toBeLessThanOrEqual(2);
        }
      }
    });

    it('writes every unit name in NFC', () => {
      for (const unit of demo.units) expect(unit.name).toBe(unit.name.normalize('NFC'));
    });
  });

  describe('people', () => {
    it('have unique staff codes like KH000123', () => {
      expect(new Set(people.map((p) => p.staffCode)).size).toBe(people.length);
      expect(people.filter((p) => !/^KH\d{6}$/.test(p.staffCode))).toEqual([]);
    });

    it('all belong to an existing unit, and every commune and department has staff', () => {
      expect(people.filter((p) => !unitsByCode.has(p.unitCode))).toEqual([]);
      const perUnit = countBy(people, (p) => p.unitCode);
      for (const unit of demo.units) {
        if (unit.level === UnitLevel.Commune) {
          expect(perUnit[unit.code]).toBeGreaterThanOrEqual(10);
          expect(perUnit[unit.code]).toBeLessThanOrEqual(40);
        }
        if (unit.level !== UnitLevel.Province) expect(perUnit[unit.code] ?? 0).toBeGreaterThan(0);
      }
    });

    it('have NFC Vietnamese names, mostly with diacritics, with a realistic share of Nguyễn', () => {
      const malformed = people.filter(
        (p) =>
          p.fullName !== p.fullName.normalize('NFC') ||
          p.fullName.split(' ').length < 3 ||
          /\s{2}|^\s|\s$/.test(p.fullName) ||
          (p.position !== null && p.position !== p.position.normalize('NFC')),
      );
      expect(malformed).toEqual([]);
      expect(share(people, (p) => VIETNAMESE_LETTER.test(p.fullName))).toBeGreaterThan(0.9);
      const nguyen = share(people, (p) => p.fullName.startsWith('Nguyễn '));
      expect(nguyen).toBeGreaterThan(0.25);
      expect(nguyen).toBeLessThan(0.45);
      expect(new Set(people.map((p) => p.fullName)).size).toBeGreaterThan(people.length * 0.6);
    });

    it('use gendered middle names', () => {
      expect(people.some((p) => p.gender === 'male' && / Thị /.test(p.fullName))).toBe(false);
      expect(share(people, (p) => p.gender === 'female')).toBeGreaterThan(0.4);
      expect(share(people, (p) => p.gender === 'female')).toBeLessThan(0.65);
    });

    it('have a plausible category mix, consistent with the unit level', () => {
      const byCategory = (category: PersonCategory) => share(people, (p) => p.category === category);
      expect(byCategory(PersonCategory.CanBo)).toBeGreaterThan(0.05);
      expect(byCategory(PersonCategory.CanBo)).toBeLessThan(0.2);
      expect(byCategory(PersonCategory.CongChuc)).toBeGreaterThan(0.25);
      expect(byCategory(PersonCategory.CongChuc)).toBeLessThan(0.5);
      expect(byCategory(PersonCategory.VienChuc)).toBeGreaterThan(0.35);
      expect(byCategory(PersonCategory.VienChuc)).toBeLessThan(0.6);
      expect(byCategory(PersonCategory.NguoiLaoDong)).toBeGreaterThan(0.01);
      expect(byCategory(PersonCategory.NguoiLaoDong)).toBeLessThan(0.1);

      const inCommunes = people.filter((p) => levelOf(p) === UnitLevel.Commune);
      expect(inCommunes.some((p) => p.category === PersonCategory.VienChuc)).toBe(false);
      expect(share(inCommunes, (p) => p.category === PersonCategory.CanBo)).toBeGreaterThan(0.2);
      expect(share(inCommunes, (p) => p.category === PersonCategory.CongChuc)).toBeGreaterThan(0.5);

      const inDepartments = people.filter((p) => [UnitLevel.Department, UnitLevel.SubUnit].includes(levelOf(p)));
      expect(inDepartments.some((p) => p.category === PersonCategory.CanBo)).toBe(false);
      expect(share(inDepartments, (p) => p.category === PersonCategory.CongChuc)).toBeGreaterThan(0.8);

      const inPublicService = people.filter((p) => levelOf(p) === UnitLevel.PublicService);
      expect(inPublicService.some((p) => p.category === PersonCategory.CanBo)).toBe(false);
      expect(share(inPublicService, (p) => p.category === PersonCategory.VienChuc)).toBeGreaterThan(0.85);
    });

    it('give every commune one chairman and the province its leadership', () => {
      const chairmen = countBy(
        people.filter((p) => p.position === 'Chủ tịch UBND'),
        (p) => p.unitCode,
      );
      for (const unit of demo.units.filter((u) => u.level === UnitLevel.Commune)) expect(chairmen[unit.code]).toBe(1);
      const province = people.filter((p) => p.unitCode === 'KH');
      expect(province[0]).toMatchObject({ position: 'Chủ tịch UBND tỉnh', category: PersonCategory.CanBo, isLeader: true });
      expect(people.filter((p) => p.position === 'Giám đốc Sở').every((p) => p.isLeader)).toBe(true);
    });

    it('flag leaders and CCHC workers in plausible shares', () => {
      const leaders = share(people, (p) => p.isLeader);
      expect(leaders).toBeGreaterThan(0.1);
      expect(leaders).toBeLessThan(0.3);
      const cchc = share(people, (p) => p.doesCchcWork);
      expect(cchc).toBeGreaterThan(0.1);
      expect(cchc).toBeLessThan(0.2);
      expect(people.filter((p) => p.unitCode === 'KH.SNV.CCHC').every((p) => p.doesCchcWork)).toBe(true);
      const communesWithCchc = new Set(
        people.filter((p) => p.doesCchcWork && levelOf(p) === UnitLevel.Commune).map((p) => p.unitCode),
      );
      expect(communesWithCchc.size).toBe(demo.units.filter((u) => u.level === UnitLevel.Commune).length);
    });

    it('keep the per-unit invariants for other seeds too', () => {
      for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
        const other = buildDemoProvince({ seed });
        const communeCodes = other.units.filter((u) => u.level === UnitLevel.Commune).map((u) => u.code);
        const chairmen = countBy(
          other.people.filter((p) => p.position === 'Chủ tịch UBND'),
          (p) => p.unitCode,
        );
        const withCchc = new Set(other.people.filter((p) => p.doesCchcWork).map((p) => p.unitCode));
        expect(communeCodes.filter((code) => chairmen[code] !== 1)).toEqual([]);
        expect(communeCodes.filter((code) => !withCchc.has(code))).toEqual([]);
        const cchc = share(other.people, (p) => p.doesCchcWork);
        expect(cchc).toBeGreaterThan(0.1);
        expect(cchc).toBeLessThan(0.2);
      }
    });

    it('were born between 1966 and 2002, on real dates', () => {
      const invalid = people.filter((p) => {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(p.dateOfBirth)) return true;
        const date = new Date(`${p.dateOfBirth}T00:00:00Z`);
        if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== p.dateOfBirth) return true;
        const year = date.getUTCFullYear();
        return year < 1966 || year > 2002;
      });
      expect(invalid).toEqual([]);
    });

    it('are mostly active, with a few retired, departed or on leave', () => {
      const statuses = countBy(people, (p) => p.status);
      const gone = ((statuses[PersonStatus.Retired] ?? 0) + (statuses[PersonStatus.Left] ?? 0)) / people.length;
      expect(gone).toBeGreaterThan(0.015);
      expect(gone).toBeLessThan(0.05);
      const onLeave = (statuses[PersonStatus.OnLeave] ?? 0) / people.length;
      expect(onLeave).toBeGreaterThan(0.003);
      expect(onLeave).toBeLessThan(0.02);
      expect(Object.keys(statuses).every((s) => Object.values(PersonStatus).includes(s as PersonStatus))).toBe(true);
    });

    it('have unique government emails and 09 phone numbers for about half', () => {
      const emails = people.map((p) => p.email).filter((e): e is string => e !== null);
      expect(new Set(emails).size).toBe(emails.length);
      expect(emails.filter((e) => !/^[a-z0-9]+\.[a-z0-9]+@khanhhoa\.gov\.vn$/.test(e))).toEqual([]);
      expect(emails.length / people.length).toBeGreaterThan(0.35);
      expect(emails.length / people.length).toBeLessThan(0.65);

      const phones = people.map((p) => p.phone).filter((p): p is string => p !== null);
      expect(phones.filter((p) => !/^09\d{8}$/.test(p))).toEqual([]);
      expect(new Set(phones).size).toBe(phones.length);
      expect(phones.length / people.length).toBeGreaterThan(0.35);
      expect(phones.length / people.length).toBeLessThan(0.65);
    });

    it('keeps emails unique across a large run too', () => {
      const big = buildDemoProvince({ seed: 5, peopleCount: 20_000 }).people;
      const emails = big.map((p) => p.email).filter((e): e is string => e !== null);
      expect(new Set(emails).size).toBe(emails.length);
      expect(new Set(big.map((p) => p.staffCode)).size).toBe(big.length);
    });
  });
});
