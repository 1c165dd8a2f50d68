import { interpolate } from './interpolate';

const vi = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
const en = (n: number) => new Intl.NumberFormat('en-GB').format(n);

describe('interpolate', () => {
  it('writes numbers the language\'s way: thousands dot and decimal comma in Vietnamese', () => {
    expect(interpolate('{count} người · {hours} giờ', { count: 1245, hours: 1.5 }, vi)).toBe('1.245 người · 1,5 giờ');
    expect(interpolate('{count} people · {hours} hours', { count: 1245, hours: 1.5 }, en)).toBe('1,245 people · 1.5 hours');
  });

  it('leaves a year as written, and text as given', () => {
    expect(interpolate('Năm {year}, từ {startYear}: {name}', { year: 2025, startYear: 2019, name: 'Đề án 1439' }, vi)).toBe('Năm 2025, từ 2019: Đề án 1439');
  });

  it('keeps a placeholder it has no value for', () => {
    expect(interpolate('{a} và {b}', { a: 1 }, vi)).toBe('1 và {b}');
  });
});
