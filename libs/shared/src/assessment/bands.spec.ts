import { validateBandRows } from './bands';

describe('band rows as typed in the form', () => {
  const ok = [
    { label: 'Giỏi', min: 9 },
    { label: 'Khá', min: 7 },
    { label: 'Đạt', min: 5 },
    { label: 'Chưa đạt', min: 0 },
  ];
  it('accepts the default bands', () => expect(validateBandRows(ok)).toEqual([]));
  it('accepts a single catch-all band', () => expect(validateBandRows([{ label: 'Tất cả', min: 0 }])).toEqual([]));
  it('refuses an empty list', () => expect(validateBandRows([])).toEqual(['Cần ít nhất một mức xếp loại.']));
  it('refuses rows out of order or equal', () => {
    expect(validateBandRows([ok[1], ok[0], ok[3]])).toEqual(['Dòng 2: ngưỡng điểm phải thấp hơn dòng trên (xếp từ cao xuống thấp).']);
    expect(validateBandRows([ok[0], { label: 'Khá', min: 9 }, ok[3]])).toEqual(['Dòng 2: ngưỡng điểm phải thấp hơn dòng trên (xếp từ cao xuống thấp).']);
  });
  it('refuses thresholds outside 0–10 and a missing 0 row', () => {
    expect(validateBandRows([{ label: 'A', min: 11 }, { label: 'B', min: 0 }])).toEqual(['Dòng 1: ngưỡng điểm phải từ 0 đến 10.']);
    expect(validateBandRows([{ label: 'A', min: 8 }, { label: 'B', min: -1 }])).toEqual([
      'Dòng 2: ngưỡng điểm phải từ 0 đến 10.',
      'Mức cuối cùng phải có ngưỡng 0 (cho điểm thấp nhất).',
    ]);
    expect(validateBandRows([{ label: 'A', min: 8 }, { label: 'B', min: 2 }])).toEqual(['Mức cuối cùng phải có ngưỡng 0 (cho điểm thấp nhất).']);
    expect(validateBandRows([{ label: 'A', min: NaN }, { label: 'B', min: 0 }])).toEqual(['Dòng 1: ngưỡng điểm phải từ 0 đến 10.']);
  });
  it('refuses blank and duplicate names', () => {
    expect(validateBandRows([{ label: ' ', min: 5 }, { label: 'B', min: 0 }])).toEqual(['Dòng 1: chưa nhập tên mức xếp loại.']);
    expect(validateBandRows([{ label: 'A', min: 5 }, { label: 'A', min: 0 }])).toEqual(['Mức "A" bị trùng.']);
  });
});
