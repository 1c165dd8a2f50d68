import iconv from 'iconv-lite';
import { buildZip } from './samples/sample-packages';
import { PackageProblem } from './manifest';
import { PackageZip, safeEntryPath } from './package-zip';

async function refusal(zip: Buffer, limits?: Parameters<typeof PackageZip.open>[1]) {
  try {
    const z = await PackageZip.open(zip, limits);
    try {
      z.entries();
    } finally {
      z.close();
    }
  } catch (e) {
    if (e instanceof PackageProblem) return e.code;
    throw e;
  }
  return 'accepted';
}

describe('package archives', () => {
  it('lists files with UTF-8 names (flagged or not) and reads them', async () => {
    const zip = await PackageZip.open(
      buildZip([
        { name: 'Bài giảng/Mở đầu.html', data: '<p>Xin chào</p>', deflate: true },
        { name: Buffer.from('tài-liệu.pdf', 'utf8'), data: '%PDF' },
      ]),
    );
    try {
      const entries = zip.entries();
      expect([...entries.keys()]).toEqual(['Bài giảng/Mở đầu.html', 'tài-liệu.pdf']);
      expect((await zip.read(entries.get('Bài giảng/Mở đầu.html')!)).toString()).toBe('<p>Xin chào</p>');
      expect(zip.hasLegacyNames).toBe(false);
    } finally {
      zip.close();
    }
  });

  it('decodes legacy Vietnamese names (CP1258, CP437) written without the UTF-8 flag', async () => {
    // Windows writes Vietnamese in CP1258 as base letters with combining tone marks.
    const cp1258 = iconv.encode('Bài học.html'.normalize('NFD'), 'cp1258');
    const zip = await PackageZip.open(buildZip([{ name: cp1258, data: 'x' }, { name: iconv.encode('Übung.html', 'cp437'), data: 'y' }]));
    try {
      expect(zip.hasLegacyNames).toBe(true);
      expect([...zip.entries('cp1258').keys()][0]).toBe('Bài học.html');
      expect([...zip.entries('cp437').keys()][1]).toBe('Übung.html');
    } finally {
      zip.close();
    }
  });

  it('refuses paths outside the package, absolute paths, symlinks and duplicates', async () => {
    expect(await refusal(buildZip([{ name: '../../etc/cron.d/x', data: 'x' }]))).toBe('PACKAGE_UNSAFE');
    expect(await refusal(buildZip([{ name: 'a/../../x.html', data: 'x' }]))).toBe('PACKAGE_UNSAFE');
    expect(await refusal(buildZip([{ name: '/etc/passwd', data: 'x' }]))).toBe('PACKAGE_UNSAFE');
    expect(await refusal(buildZip([{ name: 'C:\\Windows\\x.dll', data: 'x' }]))).toBe('PACKAGE_UNSAFE');
    expect(await refusal(buildZip([{ name: 'link.html', data: '/etc/passwd', symlink: true }]))).toBe('PACKAGE_UNSAFE');
    expect(await refusal(buildZip([{ name: 'a.html', data: 'x' }, { name: './a.html', data: 'y' }]))).toBe('PACKAGE_UNSAFE');
    expect(safeEntryPath('a\\b/./c.html')).toBe('a/b/c.html');
  });

  it('refuses zip bombs: too many entries, too much unpacked, an abnormal compression ratio', async () => {
    const many = buildZip(Array.from({ length: 30 }, (_, i) => ({ name: `f${i}.txt`, data: 'x' })));
    expect(await refusal(many, { maxEntries: 20, maxUncompressedBytes: 1e9, maxRatio: 100 })).toBe('PACKAGE_TOO_LARGE');
    const zeros = buildZip([{ name: 'zeros.bin', data: Buffer.alloc(20 * 1024 * 1024), deflate: true }]);
    expect(zeros.length).toBeLessThan(100 * 1024);
    expect(await refusal(zeros)).toBe('PACKAGE_TOO_LARGE');
    expect(await refusal(buildZip([{ name: 'big.bin', data: Buffer.alloc(3 * 1024 * 1024, 7) }]), { maxEntries: 10, maxUncompressedBytes: 2 * 1024 * 1024, maxRatio: 100 })).toBe(
      'PACKAGE_TOO_LARGE',
    );
  });

  it('refuses what is not a zip', async () => {
    expect(await refusal(Buffer.from('%PDF-1.4 not a zip'))).toBe('PACKAGE_NOT_PACKAGE');
  });
});
