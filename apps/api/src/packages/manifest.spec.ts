import { scorm12Manifest, scorm2004Manifest } from './samples/sample-packages';
import { PackageProblem, packagePath, parseCmi5Course, parseScormManifest } from './manifest';

const files = (...paths: string[]) => (p: string) => paths.includes(p);
const problem = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof PackageProblem) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a PackageProblem');
};

describe('SCORM manifests', () => {
  it('reads a SCORM 1.2 package: version, title, the launch file and the mastery score', () => {
    const s = parseScormManifest(scorm12Manifest({ masteryScore: 80 }), files('index.html'));
    expect(s).toMatchObject({ standard: 'scorm12', title: 'Cải cách hành chính — bài giảng thử', identifier: 'vn.cchc.test12' });
    expect(s.items).toEqual([{ id: 'item1', title: 'Bài 1: Tổng quan', depth: 0, launch: 'index.html', masteryScore: 80 }]);
  });

  it('reads a SCORM 2004 multi-SCO package in order, headings kept, with the passing score from sequencing', () => {
    const s = parseScormManifest(
      scorm2004Manifest([
        { id: 'a', title: 'Mục 1', href: 'sco1/index.html' },
        { id: 'b', title: 'Mục 2', href: 'sco2/index.html?lang=vi' },
      ]),
      files('sco1/index.html', 'sco2/index.html'),
    );
    expect(s.standard).toBe('scorm2004');
    expect(s.items.map((i) => [i.id, i.depth, i.launch])).toEqual([
      ['module1', 0, null],
      ['a', 1, 'sco1/index.html'],
      ['b', 1, 'sco2/index.html?lang=vi'],
    ]);
    expect(s.items[1].scaledPassingScore).toBe(0.7);
  });

  it('accepts the 3rd edition, applies xml:base and item parameters', () => {
    const xml = scorm2004Manifest([{ id: 'a', title: 'Mục 1', href: 'index.html' }], '2004 3rd Edition')
      .replace('<resources>', '<resources xml:base="noi-dung/">')
      .replace('identifierref="r-a"', 'identifierref="r-a" parameters="?slide=2"');
    expect(parseScormManifest(xml, files('noi-dung/index.html')).items[1].launch).toBe('noi-dung/index.html?slide=2');
  });

  it('refuses a launch file that is not in the package, naming it', () => {
    expect(problem(() => parseScormManifest(scorm12Manifest({ launch: 'start.html' }), files('index.html')))).toEqual({
      code: 'PACKAGE_LAUNCH_MISSING',
      message: 'Tệp khởi chạy "start.html" của mục "Bài 1: Tổng quan" không có trong gói.',
    });
  });

  it('refuses broken XML, an unknown version, no organization, a missing resource, a launch outside the package', () => {
    expect(problem(() => parseScormManifest('<manifest><organizations>', files())).code).toBe('PACKAGE_MANIFEST_BROKEN');
    expect(problem(() => parseScormManifest(scorm12Manifest().replace('<schemaversion>1.2', '<schemaversion>1.1'), files('index.html')))).toMatchObject({
      code: 'PACKAGE_VERSION',
      message: expect.stringContaining('"1.1"'),
    });
    expect(problem(() => parseScormManifest('<manifest><metadata><schemaversion>1.2</schemaversion></metadata><organizations/></manifest>', files())).code).toBe('PACKAGE_MANIFEST_BROKEN');
    expect(problem(() => parseScormManifest(scorm12Manifest().replace('identifierref="res1"', 'identifierref="khong-co"'), files('index.html'))).message).toContain('"khong-co"');
    expect(problem(() => parseScormManifest(scorm12Manifest({ launch: 'https://example.com/x.html' }), files())).code).toBe('PACKAGE_UNSAFE');
    expect(problem(() => parseScormManifest(scorm12Manifest({ launch: '../../etc/passwd' }), files('index.html'))).code).toBe('PACKAGE_LAUNCH_MISSING');
  });

  it('normalises package paths: "..", "." and backslashes never leave the package root', () => {
    expect(packagePath('a/', 'b/../c\\d.html')).toBe('a/c/d.html');
    expect(packagePath('../../x.html')).toBe('x.html');
  });
});

describe('cmi5 course structures', () => {
  const cmi5 = (aus: string) => `<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://cchc.vn/khoa/1"><title><langstring lang="vi-VN">Khóa cmi5</langstring></title><description><langstring lang="vi-VN">Mô tả</langstring></description></course>
  ${aus}
</courseStructure>`;

  it('reads AUs with moveOn, masteryScore and launchMethod', () => {
    const s = parseCmi5Course(
      cmi5(`<block id="b1"><title><langstring>Khối 1</langstring></title><description><langstring>x</langstring></description>
        <au id="https://cchc.vn/au/1" moveOn="Passed" masteryScore="0.8" launchMethod="OwnWindow"><title><langstring>Bài 1</langstring></title><description><langstring>x</langstring></description><url>au1/index.html</url></au></block>`),
      files('au1/index.html'),
    );
    expect(s).toMatchObject({ standard: 'cmi5', title: 'Khóa cmi5', identifier: 'https://cchc.vn/khoa/1' });
    expect(s.items[1]).toMatchObject({ id: 'https://cchc.vn/au/1', depth: 1, launch: 'au1/index.html', moveOn: 'Passed', masteryScore: 0.8, launchMethod: 'OwnWindow' });
  });

  it('refuses unknown AU types, bad moveOn or masteryScore, and missing launch files', () => {
    expect(problem(() => parseCmi5Course(cmi5('<lesson id="x"><url>a.html</url></lesson>'), files('a.html')))).toMatchObject({ code: 'PACKAGE_CMI5_INVALID', message: expect.stringContaining('<lesson>') });
    expect(problem(() => parseCmi5Course(cmi5('<au id="x" moveOn="Sometimes"><title>A</title><url>a.html</url></au>'), files('a.html'))).code).toBe('PACKAGE_CMI5_INVALID');
    expect(problem(() => parseCmi5Course(cmi5('<au id="x" masteryScore="80"><title>A</title><url>a.html</url></au>'), files('a.html'))).code).toBe('PACKAGE_CMI5_INVALID');
    expect(problem(() => parseCmi5Course(cmi5('<au id="x"><title>A</title><url>b.html</url></au>'), files('a.html'))).code).toBe('PACKAGE_LAUNCH_MISSING');
  });
});
