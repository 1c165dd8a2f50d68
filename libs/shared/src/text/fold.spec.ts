import { foldVietnamese, normalizeName, vietnameseFoldPairs } from './fold';

describe('foldVietnamese', () => {
  it('removes tones and vowel marks and maps đ', () => {
    expect(foldVietnamese('Nguyễn Văn Đức')).toBe('nguyen van duc');
    expect(foldVietnamese('Phường Đông Ninh Hòa')).toBe('phuong dong ninh hoa');
    expect(foldVietnamese('  Trần   Thị  Ánh  ')).toBe('tran thi anh');
  });

  it('treats precomposed and decomposed input alike', () => {
    expect(foldVietnamese('Nguye\u0302\u0303n')).toBe(foldVietnamese('Nguyễn'));
  });

  it('normalizes names to NFC with single spaces', () => {
    const decomposed = 'Nguye\u0302\u0303n  Va\u0306n A';
    expect(normalizeName(decomposed)).toBe('Nguyễn Văn A');
    expect(normalizeName(decomposed).length).toBe('Nguyễn Văn A'.length);
  });
});

describe('vietnameseFoldPairs (the SQL translate() of foldVietnamese)', () => {
  const { from, to } = vietnameseFoldPairs();
  const translate = (text: string) => [...text.normalize('NFC')].map((ch) => (from.includes(ch) ? to[from.indexOf(ch)] : ch)).join('').toLowerCase();
  it('pairs one letter with one letter', () => expect([...from].length).toBe(to.length));
  it('folds every Vietnamese letter as foldVietnamese does, in both cases and from NFD input', () => {
    const letters = 'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵdđ';
    for (const text of [letters, letters.toUpperCase(), letters.normalize('NFD'), 'Cải cách thủ tục hành chính', 'ĐỀ ÁN 1439/QĐ-TTg']) {
      expect(translate(text)).toBe(foldVietnamese(text));
    }
  });
});
