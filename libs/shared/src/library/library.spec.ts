import {
  contentDisposition,
  detectDocumentFormat,
  DocumentFormat,
  extensionOf,
  searchSnippet,
  searchTerms,
  toSearchText,
  toPhraseTsQuery,
  toTsQuery,
  hasSearchableText,
  normalizeSearchQuery,
} from './index';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? Array.from(Buffer.from(p, 'latin1')) : p)));
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ooxml = (part: string) => bytes([0x50, 0x4b, 0x03, 0x04], '....[Content_Types].xml....', `${part}document.xml....`);

describe('detectDocumentFormat', () => {
  it('accepts each format when the content matches the extension', () => {
    expect(detectDocumentFormat('Quyết định 1718.pdf', bytes('%PDF-1.7\n...'))).toEqual({ ok: true, format: DocumentFormat.Pdf });
    expect(detectDocumentFormat('a.PDF', bytes([0xef, 0xbb, 0xbf], '%PDF-1.4'))).toEqual({ ok: true, format: DocumentFormat.Pdf });
    expect(detectDocumentFormat('a.doc', bytes(OLE2, 'rest'))).toEqual({ ok: true, format: DocumentFormat.Doc });
    expect(detectDocumentFormat('a.xls', bytes(OLE2))).toEqual({ ok: true, format: DocumentFormat.Xls });
    expect(detectDocumentFormat('a.ppt', bytes(OLE2))).toEqual({ ok: true, format: DocumentFormat.Ppt });
    expect(detectDocumentFormat('a.docx', ooxml('word/'))).toEqual({ ok: true, format: DocumentFormat.Docx });
    expect(detectDocumentFormat('a.xlsx', ooxml('xl/'))).toEqual({ ok: true, format: DocumentFormat.Xlsx });
    expect(detectDocumentFormat('a.pptx', ooxml('ppt/'))).toEqual({ ok: true, format: DocumentFormat.Pptx });
    expect(detectDocumentFormat('ghi chú.txt', new TextEncoder().encode('Văn hóa công vụ'))).toEqual({ ok: true, format: DocumentFormat.Txt });
    expect(detectDocumentFormat('utf16.txt', bytes([0xff, 0xfe], [0x41, 0]))).toEqual({ ok: true, format: DocumentFormat.Txt });
  });

  it('refuses a program renamed to .pdf, and a PDF renamed to .docx', () => {
    expect(detectDocumentFormat('tai-lieu.pdf', bytes('MZ\x90\x00\x03\x00\x00\x00'))).toEqual({ ok: false, reason: 'content' });
    expect(detectDocumentFormat('tai-lieu.docx', bytes('%PDF-1.7'))).toEqual({ ok: false, reason: 'content' });
  });

  it('refuses a Word package named .xlsx and a plain zip named .docx', () => {
    expect(detectDocumentFormat('bang.xlsx', ooxml('word/'))).toEqual({ ok: false, reason: 'content' });
    expect(detectDocumentFormat('a.docx', bytes([0x50, 0x4b, 0x03, 0x04], 'photo.jpg'))).toEqual({ ok: false, reason: 'content' });
  });

  it('refuses binary content named .txt', () => {
    expect(detectDocumentFormat('a.txt', bytes('abc', [0], 'def'))).toEqual({ ok: false, reason: 'content' });
    expect(detectDocumentFormat('a.txt', bytes([0xc3, 0x28]))).toEqual({ ok: false, reason: 'content' });
  });

  it('refuses extensions outside the list, names without one, and empty files', () => {
    expect(detectDocumentFormat('setup.exe', bytes('MZ'))).toEqual({ ok: false, reason: 'extension' });
    expect(detectDocumentFormat('anh.jpg', bytes([0xff, 0xd8]))).toEqual({ ok: false, reason: 'extension' });
    expect(detectDocumentFormat('khongcoduoi', bytes('%PDF-'))).toEqual({ ok: false, reason: 'extension' });
    expect(detectDocumentFormat('rong.pdf', new Uint8Array())).toEqual({ ok: false, reason: 'empty' });
  });

  it('reads the extension case-insensitively, after the last dot', () => {
    expect(extensionOf('Ke.hoach.2019.DOCX')).toBe('docx');
    expect(extensionOf('README')).toBe('');
  });
});

describe('search text and queries', () => {
  it('folds diacritics and splits numbers on punctuation', () => {
    expect(toSearchText('Quyết định số 1718/QĐ-UBND')).toBe('quyet dinh so 1718 qd ubnd');
    expect(toSearchText('  Văn hóa — công vụ!  ')).toBe('van hoa cong vu');
    expect(toSearchText('Đề án 1439')).toBe('de an 1439');
  });

  it('turns a query into distinct folded words, typed with or without diacritics', () => {
    expect(searchTerms('Văn hóa công vụ')).toEqual(['van', 'hoa', 'cong', 'vu']);
    expect(searchTerms('van hoa cong vu')).toEqual(['van', 'hoa', 'cong', 'vu']);
    expect(searchTerms('1718/QĐ-UBND')).toEqual(['1718', 'qd', 'ubnd']);
    expect(searchTerms('a a a')).toEqual(['a']);
    expect(searchTerms('  ')).toEqual([]);
    expect(searchTerms(null)).toEqual([]);
    expect(searchTerms(Array.from({ length: 20 }, (_, i) => `w${i}`).join(' '))).toHaveLength(12);
  });

  it('cannot smuggle tsquery syntax through a query', () => {
    const terms = searchTerms("a & b | !c:* ' ( ) <-> d");
    expect(terms).toEqual(['a', 'b', 'c', 'd']);
    expect(toTsQuery(terms)).toBe('a & b & c & d:*');
    expect(toTsQuery([])).toBeNull();
    expect(toTsQuery(['van', 'hoa'], 'A')).toBe('van:A & hoa:*A');
    expect(toPhraseTsQuery(['van', 'hoa', 'cong'])).toBe('van <-> hoa <-> cong:*');
    expect(toPhraseTsQuery(['van'])).toBeNull();
  });
});

describe('normalizeSearchQuery and hasSearchableText', () => {
  it('compose decomposed Vietnamese, so NFD input searches exactly like NFC', () => {
    const nfd = 'ca\u0309i ca\u0301ch  ha\u0300nh\u200b chi\u0301nh ';
    expect(normalizeSearchQuery(nfd)).toBe('cải cách hành chính');
    expect(searchTerms(nfd)).toEqual(searchTerms('cải cách hành chính'));
    expect(toSearchText('Va\u0306n ho\u0301a co\u0302ng vu\u0323')).toBe('van hoa cong vu');
  });

  it('find nothing to search for in punctuation or spaces only', () => {
    for (const q of ['', ' ', '\t\u3000', '!&|:*()', '…', '\u200b', '–?']) expect({ q, ok: hasSearchableText(q) }).toEqual({ q, ok: false });
    for (const q of ['a', '1718', 'đ', 'QĐ-UBND', 'ca\u0309i']) expect({ q, ok: hasSearchableText(q) }).toEqual({ q, ok: true });
  });
});

describe('searchSnippet', () => {
  const text = 'Điều 1. Ban hành Đề án.\nNâng cao năng lực đội ngũ cán bộ, công chức thực hiện công tác cải cách hành chính tỉnh Khánh Hòa.';

  it('shows the original text around a word found without diacritics', () => {
    const snippet = searchSnippet(text, ['khanh'], 30);
    expect(snippet).toContain('Khánh Hòa');
    expect(snippet!.startsWith('…')).toBe(true);
  });

  it('matches the start of a word only, and centres on the most specific (longest) term found', () => {
    expect(searchSnippet('abc hoa', ['bc'])).toBeNull();
    expect(searchSnippet(text, ['dieu', 'khanh'], 20)).toContain('Khánh Hòa');
    expect(searchSnippet(text, ['dieu', 'khanhxyz'], 20)!.startsWith('Điều 1.')).toBe(true);
  });

  it('prefers the place where the words stand together as a phrase', () => {
    const plan = 'Công tác văn thư. Thực hiện công vụ. Nội dung: xây dựng văn hóa công vụ tại cơ quan.';
    expect(searchSnippet(plan, ['van', 'hoa', 'cong', 'vu'], 24)).toContain('văn hóa công vụ');
  });

  it('returns null for no text, no terms or no match', () => {
    expect(searchSnippet(null, ['a'])).toBeNull();
    expect(searchSnippet(text, [])).toBeNull();
    expect(searchSnippet(text, ['asean'])).toBeNull();
  });

  it('keeps positions right with decomposed input and characters outside the BMP', () => {
    const snippet = searchSnippet('😀 Nguye\u0302\u0303n Văn A ở Khánh Hòa', ['khanh'], 6);
    expect(snippet).toContain('Khánh');
  });
});

describe('contentDisposition', () => {
  it('keeps the Vietnamese name in filename* and an ASCII fallback', () => {
    expect(contentDisposition('Quyết định 1718.pdf', true)).toBe(
      `inline; filename="Quyet dinh 1718.pdf"; filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%201718.pdf`,
    );
    expect(contentDisposition('Đề án (2023).docx', false)).toMatch(/^attachment; filename="De an \(2023\)\.docx"; filename\*=UTF-8''%C4%90%E1%BB%81%20%C3%A1n%20%282023%29\.docx$/);
  });

  it('cannot break out of the header', () => {
    const header = contentDisposition('a"\r\nSet-Cookie: x=1.pdf', true);
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toContain('filename="a Set-Cookie: x=1.pdf"');
    expect(contentDisposition('', false)).toContain('filename="tai-lieu"');
  });
});
