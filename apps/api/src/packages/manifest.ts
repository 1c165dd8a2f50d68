import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { PackageStandard } from '@cchc/shared';

/** One entry of a package's structure: a launchable SCO/asset/AU, or a heading (cluster item, cmi5 block). */
export interface PackageItem {
  id: string;
  title: string;
  depth: number;
  /** Path inside the package (with the item's parameters), or an absolute URL for a cmi5 AU; null for a heading. */
  launch: string | null;
  /** SCORM 1.2 adlcp:masteryscore (0–100). */
  masteryScore?: number;
  /** adlcp:datafromlms / dataFromLMS, handed to the SCO as launch_data. */
  launchData?: string;
  /** SCORM 2004 imsss:minNormalizedMeasure of the primary objective (−1..1). */
  scaledPassingScore?: number;
  /** SCORM 2004 adlcp:completionThreshold (0..1). */
  completionThreshold?: number;
  /** cmi5: the AU's activity id, moveOn, masteryScore (0..1) and launchMethod. */
  activityId?: string;
  moveOn?: Cmi5MoveOn;
  launchMethod?: 'AnyWindow' | 'OwnWindow';
  launchParameters?: string;
  /** The item above (a cluster item or cmi5 block); absent at the top level. */
  parentId?: string;
  /** SCORM 2004 IMS SS, when the manifest says so (see sequencing.ts for what is honoured). */
  sequencing?: ItemSequencing;
}

/** The parts of an item's `imsss:sequencing` this platform honours. */
export interface ItemSequencing {
  /** controlMode of this item, governing its children (choice, flow); absent = both allowed. */
  controlMode?: { choice: boolean; flow: boolean };
  /** deliveryControls tracked="false": the item counts in no rollup. */
  tracked?: boolean;
  /** rollupRules rollupObjectiveSatisfied / rollupProgressCompletion="false": left out of the parent's rollup. */
  rollupSatisfied?: boolean;
  rollupCompletion?: boolean;
  /** rollupRules objectiveMeasureWeight (default 1). */
  measureWeight?: number;
  preConditions?: PreConditionRule[];
  /** The item's objectives (the primary one first), with their global objective maps. */
  objectives?: SequencingObjective[];
}

export type PreConditionAction = 'disabled' | 'skip' | 'hiddenFromChoice';
export type RuleConditionName = 'satisfied' | 'objectiveStatusKnown' | 'objectiveMeasureKnown' | 'completed' | 'activityProgressKnown' | 'attempted' | 'always';

export interface PreConditionRule {
  action: PreConditionAction;
  combination: 'all' | 'any';
  conditions: { condition: RuleConditionName; not: boolean; objective?: string }[];
}

export interface SequencingObjective {
  id: string;
  primary: boolean;
  /** mapInfo targetObjectiveID: a global objective shared between items. */
  global?: string;
  readSatisfied?: boolean;
  writeSatisfied?: boolean;
}

export type Cmi5MoveOn = 'Passed' | 'Completed' | 'CompletedAndPassed' | 'CompletedOrPassed' | 'NotApplicable';

export interface PackageStructure {
  standard: PackageStandard;
  title: string;
  items: PackageItem[];
  /** The package's own ids (the cmi5 course id, the SCORM manifest identifier). */
  identifier: string;
  /** SCORM 2004: the organization's (root activity's) own sequencing, e.g. its controlMode. */
  sequencing?: ItemSequencing;
}

/** A refusal with the Vietnamese message an author reads. */
export class PackageProblem extends Error {
  constructor(
    readonly code: 'PACKAGE_NOT_PACKAGE' | 'PACKAGE_MANIFEST_BROKEN' | 'PACKAGE_VERSION' | 'PACKAGE_LAUNCH_MISSING' | 'PACKAGE_UNSAFE' | 'PACKAGE_TOO_LARGE' | 'PACKAGE_CMI5_INVALID',
    message: string,
  ) {
    super(message);
  }
}

const ARRAYS = new Set(['organization', 'item', 'resource', 'file', 'dependency', 'au', 'block', 'objective', 'langstring']);

function parseXml(xml: string, what: string): Record<string, unknown> {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    isArray: (name) => ARRAYS.has(name),
  });
  // fast-xml-parser accepts much that is not XML; its validator names the first real error.
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new PackageProblem('PACKAGE_MANIFEST_BROKEN', `Tệp ${what} bị lỗi cú pháp XML (dòng ${valid.err.line}): ${valid.err.msg}`);
  }
  return parser.parse(xml) as Record<string, unknown>;
}

type Node = Record<string, unknown>;
const asNodes = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v && typeof v === 'object' ? [v as Node] : []);
const attr = (n: Node | undefined, name: string): string | undefined => {
  const v = n?.[`@_${name}`];
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : undefined;
};
/** Text of an element that may carry attributes (`{ '#text': … }`) or be a list of langstrings. */
function text(v: unknown): string {
  if (typeof v === 'string' || typeof v === 'number') return String(v).trim();
  if (Array.isArray(v)) return text(v[0]);
  if (v && typeof v === 'object') {
    const n = v as Node;
    if ('#text' in n) return text(n['#text']);
    if ('langstring' in n) return text(n.langstring);
  }
  return '';
}

/** Joins an xml:base chain and an href into a normalised package path (no query, no fragment). */
export function packagePath(...parts: (string | undefined)[]): string {
  const joined = parts.filter((p): p is string => !!p).reduce((acc, p) => (/^[a-z][a-z0-9+.-]*:/i.test(p) || p.startsWith('/') ? p : acc + p), '');
  const out: string[] = [];
  for (const seg of joined.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

function splitHref(href: string): { path: string; query: string } {
  const cut = href.search(/[?#]/);
  return cut < 0 ? { path: href, query: '' } : { path: href.slice(0, cut), query: href.slice(cut) };
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** SCORM 1.2 or 2004 from the manifest's schemaversion, falling back to its namespaces. */
export function scormVersion(manifest: Node, xml: string): 'scorm12' | 'scorm2004' {
  const metadata = asNodes(manifest.metadata)[0];
  const declared = text(metadata?.schemaversion);
  if (declared) {
    if (declared === '1.2') return 'scorm12';
    if (/^(2004 (3rd|4th) Edition|CAM 1\.3|2004 2nd Edition)$/i.test(declared)) return 'scorm2004';
    throw new PackageProblem('PACKAGE_VERSION', `Phiên bản SCORM "${declared}" chưa được hỗ trợ (hỗ trợ SCORM 1.2 và SCORM 2004 bản 3, bản 4).`);
  }
  if (/adlcp_v1p3|imsss|adlseq_v1p3/i.test(xml)) return 'scorm2004';
  if (/adlcp_rootv1p2|imscp_rootv1p1p2/i.test(xml)) return 'scorm12';
  throw new PackageProblem('PACKAGE_VERSION', 'Không nhận ra phiên bản SCORM của gói (imsmanifest.xml thiếu schemaversion).');
}

function numberOr(v: string | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Reads imsmanifest.xml: the default organization's items in order (depth kept for the table of contents), each
 * launchable item resolved to its resource's file (xml:base applied, parameters appended). `hasFile` says whether a
 * path exists in the package; a launch file that is missing refuses the package.
 */
export function parseScormManifest(xml: string, hasFile: (path: string) => boolean): PackageStructure {
  const doc = parseXml(xml, 'imsmanifest.xml');
  const manifest = asNodes(doc.manifest)[0];
  if (!manifest) throw new PackageProblem('PACKAGE_MANIFEST_BROKEN', 'Tệp imsmanifest.xml không có phần tử <manifest>.');
  const standard = scormVersion(manifest, xml);
  const organizations = asNodes(manifest.organizations)[0];
  const orgs = asNodes(organizations?.organization);
  if (!orgs.length) throw new PackageProblem('PACKAGE_MANIFEST_BROKEN', 'Gói không có tổ chức nội dung nào (<organizations> trống).');
  const defaultId = attr(organizations, 'default');
  const org = orgs.find((o) => attr(o, 'identifier') === defaultId) ?? orgs[0];

  const resourcesNode = asNodes(manifest.resources)[0];
  const resourcesBase = attr(resourcesNode, 'base');
  const resources = new Map(asNodes(resourcesNode?.resource).map((r) => [attr(r, 'identifier') ?? '', r]));
  const manifestBase = attr(manifest, 'base');

  const items: PackageItem[] = [];
  const seen = new Set<string>();
  const walk = (nodes: Node[], depth: number, parentId?: string) => {
    for (const node of nodes) {
      if (attr(node, 'isvisible') === 'false' && !attr(node, 'identifierref')) continue;
      const id = attr(node, 'identifier');
      if (!id) throw new PackageProblem('PACKAGE_MANIFEST_BROKEN', 'Một mục trong imsmanifest.xml thiếu thuộc tính identifier.');
      if (seen.has(id)) throw new PackageProblem('PACKAGE_MANIFEST_BROKEN', `Mã mục "${id}" bị trùng trong imsmanifest.xml.`);
      seen.add(id);
      const title = text(node.title) || id;
      const ref = attr(node, 'identifierref');
      const children = asNodes(node.item);
      const extra: Pick<PackageItem, 'parentId' | 'sequencing'> = {};
      if (parentId) extra.parentId = parentId;
      const sequencing = standard === 'scorm2004' ? readSequencing(asNodes(node.sequencing)[0]) : undefined;
      if (sequencing) extra.sequencing = sequencing;
      if (!ref) {
        items.push({ id, title, depth, launch: null, ...extra });
        walk(children, depth + 1, id);
        continue;
      }
      const resource = resources.get(ref);
      if (!resource) throw new PackageProblem('PACKAGE_MANIFEST_BROKEN', `Mục "${title}" trỏ tới tài nguyên "${ref}" không có trong imsmanifest.xml.`);
      const href = attr(resource, 'href');
      if (!href) throw new PackageProblem('PACKAGE_MANIFEST_BROKEN', `Tài nguyên "${ref}" không có tệp khởi chạy (href).`);
      const { path: hrefPath, query } = splitHref(href);
      if (/^[a-z][a-z0-9+.-]*:/i.test(hrefPath)) throw new PackageProblem('PACKAGE_UNSAFE', `Tài nguyên "${ref}" trỏ ra ngoài gói (${hrefPath}).`);
      const path = safeDecode(packagePath(manifestBase, resourcesBase, attr(resource, 'base'), hrefPath));
      if (!path || !hasFile(path)) throw new PackageProblem('PACKAGE_LAUNCH_MISSING', `Tệp khởi chạy "${path || href}" của mục "${title}" không có trong gói.`);
      const parameters = attr(node, 'parameters') ?? '';
      const launch = path + joinQuery(query, parameters);
      const item: PackageItem = { id, title, depth, launch, ...extra };
      const mastery = numberOr(attr(node, 'masteryscore') ?? text(node.masteryscore));
      if (mastery !== undefined) item.masteryScore = mastery;
      const data = attr(node, 'datafromlms') ?? (text(node.datafromlms) || text(node.dataFromLMS));
      if (data) item.launchData = data;
      const threshold = asNodes(node.completionThreshold)[0];
      const thresholdValue = numberOr(typeof node.completionThreshold === 'string' ? node.completionThreshold : attr(threshold, 'minProgressMeasure'));
      if (thresholdValue !== undefined) item.completionThreshold = thresholdValue;
      const primary = asNodes(asNodes(asNodes(node.sequencing)[0]?.objectives)[0]?.primaryObjective)[0];
      if (primary && attr(primary, 'satisfiedByMeasure') === 'true') {
        const measure = numberOr(text(primary.minNormalizedMeasure));
        if (measure !== undefined) item.scaledPassingScore = measure;
      }
      items.push(item);
      walk(children, depth + 1, id);
    }
  };
  walk(asNodes(org.item), 0);
  if (!items.some((i) => i.launch)) throw new PackageProblem('PACKAGE_MANIFEST_BROKEN', 'Gói không có bài (SCO) nào để mở.');
  const structure: PackageStructure = { standard, title: text(org.title) || text(asNodes(manifest.metadata)[0]?.title) || 'Bài giảng điện tử', items, identifier: attr(manifest, 'identifier') ?? '' };
  const rootSequencing = standard === 'scorm2004' ? readSequencing(asNodes(org.sequencing)[0]) : undefined;
  if (rootSequencing) structure.sequencing = rootSequencing;
  return structure;
}

const bool = (v: string | undefined, fallback: boolean): boolean => (v === undefined ? fallback : v === 'true');
const CONDITIONS: readonly RuleConditionName[] = ['satisfied', 'objectiveStatusKnown', 'objectiveMeasureKnown', 'completed', 'activityProgressKnown', 'attempted', 'always'];
const PRE_ACTIONS: readonly PreConditionAction[] = ['disabled', 'skip', 'hiddenFromChoice'];

/**
 * The honoured parts of an `imsss:sequencing` element (controlMode, deliveryControls tracked, rollupRules' flags and
 * weight, preConditionRules, objectives with mapInfo); undefined when none is present. Rule conditions this
 * platform does not evaluate (timeLimitExceeded, attemptLimitExceeded, …) make the rule never fire.
 */
function readSequencing(node: Node | undefined): ItemSequencing | undefined {
  if (!node) return undefined;
  const seq: ItemSequencing = {};
  const control = asNodes(node.controlMode)[0];
  if (control) seq.controlMode = { choice: bool(attr(control, 'choice'), true), flow: bool(attr(control, 'flow'), false) };
  const delivery = asNodes(node.deliveryControls)[0];
  if (delivery && attr(delivery, 'tracked') === 'false') seq.tracked = false;
  const rollup = asNodes(node.rollupRules)[0];
  if (rollup) {
    if (attr(rollup, 'rollupObjectiveSatisfied') === 'false') seq.rollupSatisfied = false;
    if (attr(rollup, 'rollupProgressCompletion') === 'false') seq.rollupCompletion = false;
    const weight = numberOr(attr(rollup, 'objectiveMeasureWeight'));
    if (weight !== undefined && weight >= 0 && weight <= 1) seq.measureWeight = weight;
  }
  const rules: PreConditionRule[] = [];
  for (const rule of asNodes(asNodes(node.sequencingRules)[0]?.preConditionRule)) {
    const action = attr(asNodes(rule.ruleAction)[0], 'action') as PreConditionAction | undefined;
    if (!action || !PRE_ACTIONS.includes(action)) continue;
    const set = asNodes(rule.ruleConditions)[0];
    const conditions = asNodes(set?.ruleCondition).map((c) => {
      const name = attr(c, 'condition') as RuleConditionName;
      const objective = attr(c, 'referencedObjective');
      return { condition: CONDITIONS.includes(name) ? name : ('unsupported' as RuleConditionName), not: attr(c, 'operator') === 'not', ...(objective ? { objective } : {}) };
    });
    if (!conditions.length || conditions.some((c) => (c.condition as string) === 'unsupported')) continue;
    rules.push({ action, combination: attr(set, 'conditionCombination') === 'any' ? 'any' : 'all', conditions });
  }
  if (rules.length) seq.preConditions = rules;
  const objectivesNode = asNodes(node.objectives)[0];
  if (objectivesNode) {
    const objectives: SequencingObjective[] = [];
    const read = (o: Node, primary: boolean) => {
      const id = attr(o, 'objectiveID');
      if (!id) return;
      const map = asNodes(o.mapInfo)[0];
      const objective: SequencingObjective = { id, primary };
      const target = attr(map, 'targetObjectiveID');
      if (target) {
        objective.global = target;
        objective.readSatisfied = bool(attr(map, 'readSatisfiedStatus'), true);
        objective.writeSatisfied = bool(attr(map, 'writeSatisfiedStatus'), false);
      }
      objectives.push(objective);
    };
    for (const o of asNodes(objectivesNode.primaryObjective)) read(o, true);
    for (const o of asNodes(objectivesNode.objective)) read(o, false);
    if (objectives.length) seq.objectives = objectives;
  }
  return Object.keys(seq).length ? seq : undefined;
}

/** Appends item parameters to a resource href's query as SCORM's CAM says (a leading '?' or '#' is kept as given). */
function joinQuery(query: string, parameters: string): string {
  if (!parameters) return query;
  if (parameters.startsWith('#')) return query + parameters;
  const p = parameters.replace(/^[?&]/, '');
  return query ? `${query}&${p}` : `?${p}`;
}

const MOVE_ON: readonly Cmi5MoveOn[] = ['Passed', 'Completed', 'CompletedAndPassed', 'CompletedOrPassed', 'NotApplicable'];

/**
 * Reads cmi5.xml: blocks and AUs in order. Relative AU URLs must name a file of the package; an element the schema
 * does not know where an AU belongs (an unknown AU type) refuses the course.
 */
export function parseCmi5Course(xml: string, hasFile: (path: string) => boolean): PackageStructure {
  const doc = parseXml(xml, 'cmi5.xml');
  const structure = asNodes(doc.courseStructure)[0];
  if (!structure) throw new PackageProblem('PACKAGE_CMI5_INVALID', 'Tệp cmi5.xml không có phần tử <courseStructure>.');
  const course = asNodes(structure.course)[0];
  const courseId = attr(course, 'id');
  if (!courseId) throw new PackageProblem('PACKAGE_CMI5_INVALID', 'Tệp cmi5.xml thiếu mã khóa học (course id).');
  const items: PackageItem[] = [];
  const seen = new Set<string>();
  const known = new Set(['au', 'block', 'objectives', 'title', 'description', 'course', '@_id', '#text']);
  const walk = (node: Node, depth: number) => {
    for (const key of Object.keys(node)) {
      if (!known.has(key) && !key.startsWith('@_')) {
        throw new PackageProblem('PACKAGE_CMI5_INVALID', `cmi5.xml có phần tử <${key}> không thuộc chuẩn cmi5 (chỉ có khối <block> và bài <au>).`);
      }
    }
    for (const block of asNodes(node.block)) {
      const id = attr(block, 'id');
      if (!id) throw new PackageProblem('PACKAGE_CMI5_INVALID', 'Một khối (block) trong cmi5.xml thiếu id.');
      items.push({ id, title: text(block.title) || id, depth, launch: null });
      walk(block, depth + 1);
    }
    for (const au of asNodes(node.au)) items.push(cmi5Au(au, depth, hasFile, seen));
  };
  walk(structure, 0);
  if (!items.some((i) => i.launch)) throw new PackageProblem('PACKAGE_CMI5_INVALID', 'cmi5.xml không có bài học (AU) nào.');
  return { standard: 'cmi5', title: text(course?.title) || 'Khóa học cmi5', items, identifier: courseId };
}

function cmi5Au(au: Node, depth: number, hasFile: (path: string) => boolean, seen: Set<string>): PackageItem {
  const id = attr(au, 'id');
  if (!id) throw new PackageProblem('PACKAGE_CMI5_INVALID', 'Một bài (AU) trong cmi5.xml thiếu id.');
  if (seen.has(id)) throw new PackageProblem('PACKAGE_CMI5_INVALID', `Mã bài (AU) "${id}" bị trùng trong cmi5.xml.`);
  seen.add(id);
  const title = text(au.title) || id;
  const url = text(au.url);
  if (!url) throw new PackageProblem('PACKAGE_CMI5_INVALID', `Bài "${title}" trong cmi5.xml thiếu địa chỉ <url>.`);
  const moveOn = (attr(au, 'moveOn') ?? 'NotApplicable') as Cmi5MoveOn;
  if (!MOVE_ON.includes(moveOn)) throw new PackageProblem('PACKAGE_CMI5_INVALID', `Bài "${title}": moveOn "${moveOn}" không hợp lệ.`);
  const mastery = numberOr(attr(au, 'masteryScore'));
  if (mastery !== undefined && (mastery < 0 || mastery > 1)) throw new PackageProblem('PACKAGE_CMI5_INVALID', `Bài "${title}": masteryScore phải từ 0 đến 1.`);
  const launchMethod = attr(au, 'launchMethod') ?? 'AnyWindow';
  if (launchMethod !== 'AnyWindow' && launchMethod !== 'OwnWindow') throw new PackageProblem('PACKAGE_CMI5_INVALID', `Bài "${title}": launchMethod "${launchMethod}" không hợp lệ.`);
  let launch = url;
  if (!/^https?:\/\//i.test(url)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('/')) throw new PackageProblem('PACKAGE_UNSAFE', `Bài "${title}" trỏ tới địa chỉ không hợp lệ (${url}).`);
    const { path, query } = splitHref(url);
    const file = safeDecode(packagePath(path));
    if (!hasFile(file)) throw new PackageProblem('PACKAGE_LAUNCH_MISSING', `Tệp khởi chạy "${file}" của bài "${title}" không có trong gói.`);
    launch = file + query;
  }
  const item: PackageItem = { id, title, depth, launch, activityId: id, moveOn, launchMethod };
  if (mastery !== undefined) item.masteryScore = mastery;
  const parameters = text(au.launchParameters);
  if (parameters) item.launchParameters = parameters;
  return item;
}
