import { compareVi, formatDateTimeVi, formatDateVi, formatNumberVi, formatPercentVi, sortVi } from './vi-format';

describe('Vietnamese number formats', () => {
  it('thousands dot and decimal comma', () => {
    expect(formatNumberVi(1245)).toBe('1.245');
    expect(formatNumberVi(2.333)).toBe('2,33');
    expect(formatNumberVi(1234567.5, 1)).toBe('1.234.567,5');
    expect(formatNumberVi(0)).toBe('0');
    expect(formatNumberVi(null)).toBe('');
    expect(formatPercentVi(66.7)).toBe('66,7%');
    expect(formatPercentVi(100)).toBe('100%');
    expect(formatPercentVi(null)).toBe('');
  });
});

describe('Vietnamese dates', () => {
  it('a date-only value is shown as written, dd/mm/yyyy', () => {
    expect(formatDateVi('2026-08-15')).toBe('15/08/2026');
  });
  it('an instant is the calendar day in Vietnam (UTC+7)', () => {
    expect(formatDateVi(new Date('2025-12-31T17:30:00Z'))).toBe('01/01/2026');
    expect(formatDateVi('2025-12-31T16:59:00Z')).toBe('31/12/2025');
    expect(formatDateTimeVi('2025-12-31T16:59:00Z')).toBe('31/12/2025 23:59');
    expect(formatDateVi(null)).toBe('');
  });
});

describe('Vietnamese dictionary order', () => {
  it('sorts names as a Vietnamese dictionary does: Đ after D, tones ngang < huyền < hỏi < ngã < sắc < nặng', () => {
    const dictionary = [
      'An Phú', 'Ân Thi', 'Ba Đình', 'Cà Mau', 'Cam Lâm', 'Cam Ranh', 'Dân Chủ', 'Diên Khánh', 'Đề án 1439', 'Điện Biên',
      'Ê Đê', 'Khánh Hòa', 'Ninh Hòa', 'Ơn Hòa', 'Phường 2', 'Phường 10', 'Xã Cà Ná', 'Xây dựng chính quyền số',
    ];
    const shuffled = [...dictionary].reverse();
    expect(sortVi(shuffled, (s) => s)).toEqual(dictionary);
    const tones = ['ma', 'mà', 'mả', 'mã', 'má', 'mạ'];
    expect([...tones].reverse().sort(compareVi)).toEqual(tones);
    expect(compareVi('Dương', 'Đặng')).toBeLessThan(0);
    expect(compareVi('Đặng', 'Gia')).toBeLessThan(0);
  });
});
