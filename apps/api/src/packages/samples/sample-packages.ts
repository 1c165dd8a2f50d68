import { crc32, deflateRawSync } from 'node:zlib';

// Small SCORM packages built in code: the tests' fixtures (unit, API and browser tests) and a ready example for anyone
// trying the player. Nothing here runs on a request path.

/** One file of a hand-built zip: the name as given (string → UTF-8 with the flag, Buffer → raw bytes without it). */
export interface ZipFile {
  name: string | Buffer;
  data: string | Buffer;
  deflate?: boolean;
  /** Mark the entry as a Unix symbolic link (its data is the target). */
  symlink?: boolean;
}

/**
 * Writes a zip byte by byte, so tests control what real archives contain and common libraries refuse to write:
 * `../` names, legacy-encoded names without the UTF-8 flag, symlinks, huge compression ratios.
 */
export function buildZip(files: ZipFile[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.isBuffer(f.name) ? f.name : Buffer.from(f.name, 'utf8');
    const data = Buffer.isBuffer(f.data) ? f.data : Buffer.from(f.data, 'utf8');
    const body = f.deflate ? deflateRawSync(data) : data;
    const flags = Buffer.isBuffer(f.name) ? 0 : 0x800;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(f.deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x0314, 4); // made by Unix
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(f.deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((f.symlink ? 0o120777 : 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export function scorm12Manifest(opts: { launch?: string; masteryScore?: number; title?: string } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="vn.cchc.test12" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org1">
    <organization identifier="org1">
      <title>${opts.title ?? 'Cải cách hành chính — bài giảng thử'}</title>
      <item identifier="item1" identifierref="res1">
        <title>Bài 1: Tổng quan</title>
        ${opts.masteryScore !== undefined ? `<adlcp:masteryscore>${opts.masteryScore}</adlcp:masteryscore>` : ''}
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res1" type="webcontent" adlcp:scormtype="sco" href="${opts.launch ?? 'index.html'}"><file href="index.html"/></resource>
  </resources>
</manifest>`;
}

export function scorm2004Manifest(scos: { id: string; title: string; href: string }[], edition = '2004 4th Edition'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="vn.cchc.test2004" version="1" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss" xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3">
  <metadata><schema>ADL SCORM</schema><schemaversion>${edition}</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>Văn hóa công vụ (SCORM 2004)</title>
      <item identifier="module1">
        <title>Phần 1</title>
        ${scos
          .map(
            (s) => `<item identifier="${s.id}" identifierref="r-${s.id}"><title>${s.title}</title>
          <imsss:sequencing><imsss:objectives><imsss:primaryObjective objectiveID="p-${s.id}" satisfiedByMeasure="true"><imsss:minNormalizedMeasure>0.7</imsss:minNormalizedMeasure></imsss:primaryObjective></imsss:objectives></imsss:sequencing>
        </item>`,
          )
          .join('\n')}
      </item>
      <imsss:sequencing><imsss:controlMode choice="true" flow="true"/></imsss:sequencing>
    </organization>
  </organizations>
  <resources>
    ${scos.map((s) => `<resource identifier="r-${s.id}" type="webcontent" adlcp:scormType="sco" href="${s.href}"><file href="${s.href}"/></resource>`).join('\n')}
  </resources>
</manifest>`;
}

/**
 * A SCO page for browser tests: finds the API like real packages do (walking up the parents), shows "Trang n/3",
 * keeps the page in lesson_location and suspend_data, commits on every page turn, and on the last page reports
 * completed/passed with a score. `version` picks the SCORM 1.2 or 2004 calls.
 */
export function scoPage(version: '1.2' | '2004', title: string, opts: { navContinue?: boolean } = {}): string {
  const is12 = version === '1.2';
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${title}</title></head><body>
<h1>${title}</h1>
<p id="page">Đang tải…</p>
<button id="next" type="button">Trang tiếp</button>
<button id="finish" type="button">Kết thúc bài</button>
<script>
  function find(w) { for (var i = 0; w && i < 10; i++) { if (w.${is12 ? 'API' : 'API_1484_11'}) return w.${is12 ? 'API' : 'API_1484_11'}; if (w === w.parent) break; w = w.parent; } return null; }
  var api = find(window);
  var get = function (k) { return api.${is12 ? 'LMSGetValue' : 'GetValue'}(k); };
  var set = function (k, v) { return api.${is12 ? 'LMSSetValue' : 'SetValue'}(k, v); };
  api.${is12 ? "LMSInitialize('')" : "Initialize('')"};
  var loc = get('${is12 ? 'cmi.core.lesson_location' : 'cmi.location'}');
  var page = Number(loc || '1');
  document.body.setAttribute('data-entry', get('${is12 ? 'cmi.core.entry' : 'cmi.entry'}'));
  document.body.setAttribute('data-suspend', get('cmi.suspend_data'));
  function show() { document.getElementById('page').textContent = 'Trang ' + page + '/3'; }
  show();
  ${is12 ? "if (get('cmi.core.lesson_status') === 'not attempted') set('cmi.core.lesson_status', 'incomplete');" : "if (get('cmi.completion_status') !== 'completed') set('cmi.completion_status', 'incomplete');"}
  set('${is12 ? 'cmi.core.exit' : 'cmi.exit'}', 'suspend');
  api.${is12 ? "LMSCommit('')" : "Commit('')"};
  document.getElementById('next').onclick = function () {
    if (page < 3) page++;
    set('${is12 ? 'cmi.core.lesson_location' : 'cmi.location'}', String(page));
    set('cmi.suspend_data', 'trang=' + page);
    show();
    api.${is12 ? "LMSCommit('')" : "Commit('')"};
  };
  document.getElementById('finish').onclick = function () {
    ${
      is12
        ? "set('cmi.core.score.raw', '85'); set('cmi.core.score.min', '0'); set('cmi.core.score.max', '100'); set('cmi.core.lesson_status', 'passed'); set('cmi.core.exit', ''); set('cmi.core.session_time', '00:05:00');"
        : "set('cmi.interactions.0.id', 'cau-1'); set('cmi.interactions.0.type', 'choice'); set('cmi.interactions.0.description', 'Thủ tục hành chính là gì?'); set('cmi.interactions.0.correct_responses.0.pattern', 'b'); set('cmi.interactions.0.learner_response', 'b'); set('cmi.interactions.0.result', 'correct'); set('cmi.interactions.0.latency', 'PT12S');" +
          " set('cmi.score.scaled', '0.9'); set('cmi.score.raw', '90'); set('cmi.completion_status', 'completed'); set('cmi.success_status', 'passed'); set('cmi.exit', 'normal'); set('cmi.session_time', 'PT5M');" +
          (opts.navContinue ? " set('adl.nav.request', 'continue');" : '')
    }
    api.${is12 ? "LMSCommit('')" : "Commit('')"};
    api.${is12 ? "LMSFinish('')" : "Terminate('')"};
    document.getElementById('page').textContent = 'Đã hoàn thành';
  };
</script></body></html>`;
}

export function scorm12Zip(): Buffer {
  return buildZip([
    { name: 'imsmanifest.xml', data: scorm12Manifest({ masteryScore: 80 }), deflate: true },
    { name: 'index.html', data: scoPage('1.2', 'Bài 1: Tổng quan'), deflate: true },
  ]);
}

export function scorm2004MultiScoZip(): Buffer {
  const scos = [
    { id: 'sco-1', title: 'Mục 1: Khái niệm', href: 'sco1/index.html' },
    { id: 'sco-2', title: 'Mục 2: Thực hành', href: 'sco2/index.html' },
  ];
  return buildZip([
    { name: 'imsmanifest.xml', data: scorm2004Manifest(scos), deflate: true },
    { name: 'sco1/index.html', data: scoPage('2004', 'Mục 1: Khái niệm', { navContinue: true }), deflate: true },
    { name: 'sco2/index.html', data: scoPage('2004', 'Mục 2: Thực hành'), deflate: true },
  ]);
}

/** A SCORM 2004 package with sequencing: SCO B is disabled until SCO A's objective (a global one) is satisfied; C is not tracked. */
export function scorm2004SequencedManifest(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="vn.cchc.seq" version="1" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>Trình tự bắt buộc</title>
      <item identifier="part"><title>Phần 1</title>
        <item identifier="sco-a" identifierref="ra"><title>A: Kiến thức</title>
          <imsss:sequencing><imsss:objectives><imsss:primaryObjective objectiveID="a-main" satisfiedByMeasure="false"><imsss:mapInfo targetObjectiveID="g-a" writeSatisfiedStatus="true"/></imsss:primaryObjective></imsss:objectives></imsss:sequencing>
        </item>
        <item identifier="sco-b" identifierref="rb"><title>B: Kiểm tra</title>
          <imsss:sequencing>
            <imsss:sequencingRules><imsss:preConditionRule><imsss:ruleConditions><imsss:ruleCondition referencedObjective="b-needs-a" operator="not" condition="satisfied"/></imsss:ruleConditions><imsss:ruleAction action="disabled"/></imsss:preConditionRule></imsss:sequencingRules>
            <imsss:objectives><imsss:primaryObjective objectiveID="b-main"/><imsss:objective objectiveID="b-needs-a"><imsss:mapInfo targetObjectiveID="g-a" readSatisfiedStatus="true"/></imsss:objective></imsss:objectives>
          </imsss:sequencing>
        </item>
        <item identifier="sco-c" identifierref="rc"><title>C: Đọc thêm</title>
          <imsss:sequencing><imsss:deliveryControls tracked="false"/></imsss:sequencing>
        </item>
        <imsss:sequencing><imsss:controlMode choice="true" flow="true"/></imsss:sequencing>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="ra" type="webcontent" adlcp:scormType="sco" href="a.html"><file href="a.html"/></resource>
    <resource identifier="rb" type="webcontent" adlcp:scormType="sco" href="b.html"><file href="b.html"/></resource>
    <resource identifier="rc" type="webcontent" adlcp:scormType="sco" href="c.html"><file href="c.html"/></resource>
  </resources>
</manifest>`;
}

export function scorm2004SequencedZip(): Buffer {
  return buildZip([
    { name: 'imsmanifest.xml', data: scorm2004SequencedManifest() },
    { name: 'a.html', data: scoPage('2004', 'A: Kiến thức') },
    { name: 'b.html', data: scoPage('2004', 'B: Kiểm tra') },
    { name: 'c.html', data: scoPage('2004', 'C: Đọc thêm') },
  ]);
}

/**
 * A package that tries to act as the learner: it reads what storage and cookies it can, calls the API with and
 * without credentials, and reaches for its parents. It writes what it got into the page for the test to read.
 */
export function maliciousZip(appOrigin: string): Buffer {
  const page = `<!doctype html><html><head><meta charset="utf-8"><title>Gói độc hại</title></head><body><pre id="out">running</pre><script>
  var out = {};
  function done() { document.getElementById('out').textContent = JSON.stringify(out); document.body.setAttribute('data-done', '1'); }
  try { out.localStorage = JSON.stringify(Object.assign({}, localStorage)); } catch (e) { out.localStorage = 'error: ' + e.name; }
  try { out.sessionStorage = JSON.stringify(Object.assign({}, sessionStorage)); } catch (e) { out.sessionStorage = 'error: ' + e.name; }
  try { out.cookie = document.cookie; } catch (e) { out.cookie = 'error: ' + e.name; }
  try { out.topStorage = JSON.stringify(Object.assign({}, window.top.localStorage)); } catch (e) { out.topStorage = 'error: ' + e.name; }
  try { out.topHtml = window.top.document.body.innerHTML.length; } catch (e) { out.topHtml = 'error: ' + e.name; }
  var tries = [
    ['relative', fetch('/api/auth/me').then(function (r) { return r.status + ' ' + r.headers.get('content-type'); })],
    ['app', fetch(${JSON.stringify(appOrigin)} + '/api/my-learning', { credentials: 'include' }).then(function (r) { return r.text(); })],
  ];
  Promise.all(tries.map(function (t) { return t[1].then(function (v) { out[t[0]] = String(v); }, function (e) { out[t[0]] = 'error: ' + e.name; }); })).then(done);
  var api = window.parent.API; if (api) { api.LMSInitialize(''); api.LMSSetValue('cmi.core.lesson_status', 'incomplete'); api.LMSCommit(''); }
</script></body></html>`;
  return buildZip([
    { name: 'imsmanifest.xml', data: scorm12Manifest({ launch: 'evil.html', title: 'Gói thử tấn công' }) },
    { name: 'evil.html', data: page },
  ]);
}

export const SAMPLE_CMI5_COURSE = 'https://cchc.example.vn/cmi5/khoa-thu';
export const SAMPLE_CMI5_AU = 'https://cchc.example.vn/cmi5/khoa-thu/au-1';

export function cmi5CourseXml(opts: { auUrl?: string; moveOn?: string; masteryScore?: number } = {}): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="${SAMPLE_CMI5_COURSE}">
    <title><langstring lang="vi-VN">Khóa học cmi5 thử nghiệm</langstring></title>
    <description><langstring lang="vi-VN">Một bài (AU) báo cáo kết quả bằng xAPI.</langstring></description>
  </course>
  <block id="${SAMPLE_CMI5_COURSE}/khoi-1">
    <title><langstring lang="vi-VN">Khối 1</langstring></title>
    <description><langstring lang="vi-VN">Khối 1</langstring></description>
    <au id="${SAMPLE_CMI5_AU}" moveOn="${opts.moveOn ?? 'CompletedAndPassed'}" masteryScore="${opts.masteryScore ?? 0.8}" launchMethod="AnyWindow">
      <title><langstring lang="vi-VN">Bài 1: Dịch vụ công trực tuyến</langstring></title>
      <description><langstring lang="vi-VN">Bài 1</langstring></description>
      <url>${opts.auUrl ?? 'au/index.html'}</url>
    </au>
  </block>
</courseStructure>`;
}

/**
 * A cmi5 AU page: reads its launch parameters, trades the fetch token for credentials (and shows that a second fetch
 * is refused), reads LMS.LaunchData, sends "initialized"; its buttons send a statement the LMS must refuse (a pass
 * below the mastery score) or completed + passed + terminated. Each answer's status is written into the page.
 */
export function cmi5AuPage(): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Bài 1: Dịch vụ công trực tuyến</title></head><body>
<h1>Bài 1: Dịch vụ công trực tuyến</h1>
<p id="state">Đang kết nối…</p>
<ol id="log"></ol>
<button id="low" type="button">Gửi điểm thấp</button>
<button id="finish" type="button">Hoàn thành và đạt</button>
<script>
  var q = new URLSearchParams(location.search);
  var endpoint = q.get('endpoint'), actor = JSON.parse(q.get('actor')), registration = q.get('registration'), activityId = q.get('activityId');
  var V = 'X-Experience-API-Version', SESSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
  var auth = null, launchData = null;
  function log(text) { var li = document.createElement('li'); li.textContent = text; document.getElementById('log').appendChild(li); }
  function statement(verb, result) {
    var s = { actor: actor, verb: { id: verb }, object: { objectType: 'Activity', id: activityId }, timestamp: new Date().toISOString(),
      context: { registration: registration, extensions: {}, contextActivities: { category: [{ id: 'https://w3id.org/xapi/cmi5/context/categories/cmi5' }], grouping: launchData.contextTemplate.contextActivities.grouping } } };
    s.context.extensions[SESSION] = launchData.contextTemplate.extensions[SESSION];
    if (result) s.result = result;
    return s;
  }
  function send(name, verb, result) {
    var headers = { Authorization: auth, 'Content-Type': 'application/json' }; headers[V] = '1.0.3';
    return fetch(endpoint + 'statements', { method: 'POST', headers: headers, body: JSON.stringify(statement(verb, result)) })
      .then(function (r) { log(name + ' ' + r.status); return r.status; });
  }
  fetch(q.get('fetch'), { method: 'POST' }).then(function (r) { return r.json(); }).then(function (t) {
    auth = 'Basic ' + t['auth-token'];
    return fetch(q.get('fetch'), { method: 'POST' }).then(function (r) { return r.json(); }).then(function (again) { log('fetch again ' + again['error-code']); });
  }).then(function () {
    var headers = { Authorization: auth }; headers[V] = '1.0.3';
    var params = new URLSearchParams({ activityId: activityId, agent: JSON.stringify(actor), registration: registration, stateId: 'LMS.LaunchData' });
    return fetch(endpoint + 'activities/state?' + params, { headers: headers }).then(function (r) { return r.json(); });
  }).then(function (data) {
    launchData = data;
    log('launchData ' + data.launchMode + ' ' + data.moveOn + ' ' + data.masteryScore);
    return send('initialized', 'http://adlnet.gov/expapi/verbs/initialized');
  }).then(function () { document.getElementById('state').textContent = 'Sẵn sàng'; }, function (e) { document.getElementById('state').textContent = 'Lỗi: ' + e; });
  document.getElementById('low').onclick = function () { send('passed-low', 'http://adlnet.gov/expapi/verbs/passed', { success: true, score: { scaled: 0.5 } }); };
  document.getElementById('finish').onclick = function () {
    send('completed', 'http://adlnet.gov/expapi/verbs/completed', { completion: true, duration: 'PT5M' })
      .then(function () { return send('passed', 'http://adlnet.gov/expapi/verbs/passed', { success: true, score: { scaled: 0.9 }, duration: 'PT5M' }); })
      .then(function () { return send('terminated', 'http://adlnet.gov/expapi/verbs/terminated', { duration: 'PT5M' }); })
      .then(function () { document.getElementById('state').textContent = 'Đã kết thúc'; });
  };
</script></body></html>`;
}

export function cmi5Zip(): Buffer {
  return buildZip([
    { name: 'cmi5.xml', data: cmi5CourseXml(), deflate: true },
    { name: 'au/index.html', data: cmi5AuPage(), deflate: true },
  ]);
}
