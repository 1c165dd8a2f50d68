import { foldVietnamese, normalizeName } from './fold';

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
