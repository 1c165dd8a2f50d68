import type { PackageStructure } from './manifest';
import { parseScormManifest } from './manifest';
import { activityDone, attemptFinished, attemptResult, attemptToOpen, availability, flowTarget, packageDone, rollup, type ActivityStatus } from './sequencing';
import { launchModeRefusal } from './cmi5-rules';
import { interactionViews } from './runtime-data';

const done = (scoreScaled: number | null = null, success: ActivityStatus['success'] = 'passed'): ActivityStatus => ({ completion: 'completed', success, scoreScaled });
const tree = (extra: Partial<PackageStructure> = {}): PackageStructure => ({
  standard: 'scorm2004',
  title: 't',
  identifier: 'm',
  items: [
    { id: 'part', title: 'Phần', depth: 0, launch: null },
    { id: 'a', title: 'A', depth: 1, launch: 'a.html', parentId: 'part' },
    { id: 'b', title: 'B', depth: 1, launch: 'b.html', parentId: 'part', sequencing: { measureWeight: 0.5 } },
    { id: 'c', title: 'C', depth: 1, launch: 'c.html', parentId: 'part', sequencing: { tracked: false } },
  ],
  ...extra,
});

describe('rollup (SCORM 2004 default rules)', () => {
  it('completes the root when every tracked child is completed; an untracked one does not count', () => {
    const s = new Map([
      ['a', done(0.8)],
      ['b', done(0.2)],
    ]);
    const { root, byItem } = rollup(tree(), s);
    expect(root).toEqual({ completion: 'completed', success: 'passed', scoreScaled: 0.6 });
    expect(byItem.get('part')).toEqual(root);
    // Weighted measure: (0.8 × 1 + 0.2 × 0.5) / 1.5.
    expect(rollup(tree(), s).byItem.get('part')!.scoreScaled).toBe(0.6);
  });

  it('is incomplete while a tracked child is not done, failed when all are judged and one failed, unknown otherwise', () => {
    expect(rollup(tree(), new Map([['a', done()]])).root).toMatchObject({ completion: 'incomplete', success: 'unknown' });
    expect(rollup(tree(), new Map([['a', done()], ['b', done(null, 'failed')]])).root).toMatchObject({ completion: 'completed', success: 'failed' });
    expect(rollup(tree(), new Map()).root).toMatchObject({ completion: 'not attempted', success: 'unknown', scoreScaled: null });
    // A measure counts 0 for a child that has none (SN RB.1.1).
    expect(rollup(tree(), new Map([['a', done(0.9)]])).root.scoreScaled).toBe(0.6);
  });

  it('leaves out children with rollupObjectiveSatisfied / rollupProgressCompletion false', () => {
    const s = tree();
    s.items[2].sequencing = { rollupSatisfied: false, rollupCompletion: false };
    expect(rollup(s, new Map([['a', done()]])).root).toMatchObject({ completion: 'completed', success: 'passed' });
  });

  it('decides the lesson and the attempt: 2004 by the root, 1.2 by every SCO', () => {
    expect(packageDone(tree(), new Map([['a', done()], ['b', { completion: 'completed', success: 'unknown', scoreScaled: null }]]))).toBe(true);
    expect(packageDone(tree(), new Map([['a', done()]]))).toBe(false);
    expect(attemptFinished(tree(), new Map([['a', done()], ['b', done(null, 'failed')]]))).toBe(true);
    expect(packageDone(tree(), new Map([['a', done()], ['b', done(null, 'failed')]]))).toBe(false);
    const v12: PackageStructure = { standard: 'scorm12', title: 't', identifier: 'm', items: [{ id: 'x', title: 'X', depth: 0, launch: 'x.html' }, { id: 'y', title: 'Y', depth: 0, launch: 'y.html' }] };
    expect(packageDone(v12, new Map([['x', done()], ['y', { completion: 'completed', success: 'unknown', scoreScaled: null }]]))).toBe(true);
    expect(packageDone(v12, new Map([['x', done()], ['y', done(null, 'failed')]]))).toBe(false);
    expect(attemptFinished(v12, new Map([['x', done()], ['y', done(null, 'failed')]]))).toBe(true);
    expect(attemptFinished(v12, new Map([['x', done()]]))).toBe(false);
    expect(activityDone({ completion: 'incomplete', success: 'passed' })).toBe(true);
  });

  it('gives the attempt result: scaled from the rollup, raw only when one SCO has a score', () => {
    const row = (itemId: string, scoreScaled: number | null, scoreRaw: number | null) => ({ itemId, completion: 'completed' as const, success: 'passed' as const, scoreScaled, scoreRaw, scoreMin: 0, scoreMax: 100 });
    expect(attemptResult(tree(), [row('a', 0.5, 50), row('b', null, null)])).toEqual({ scoreScaled: 0.3333, scoreRaw: 50, scoreMin: 0, scoreMax: 100, success: 'passed' });
    expect(attemptResult(tree(), [row('a', 0.5, 50), row('b', 0.8, 80)]).scoreRaw).toBeNull();
  });
});

describe('attempts', () => {
  it('resumes an unfinished or suspended attempt; opens a new one after a finished one or on request', () => {
    expect(attemptToOpen({ latest: 1, finished: false, suspended: false, startNew: true })).toEqual({ attempt: 1, isNew: false });
    expect(attemptToOpen({ latest: 1, finished: true, suspended: true, startNew: false })).toEqual({ attempt: 1, isNew: false });
    expect(attemptToOpen({ latest: 1, finished: true, suspended: true, startNew: true })).toEqual({ attempt: 2, isNew: true });
    expect(attemptToOpen({ latest: 2, finished: true, suspended: false, startNew: false })).toEqual({ attempt: 3, isNew: true });
  });
});

describe('preconditions and control modes', () => {
  const manifest = `<?xml version="1.0"?>
<manifest identifier="m" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="o"><organization identifier="o"><title>T</title>
    <item identifier="a" identifierref="r"><title>A</title>
      <imsss:sequencing><imsss:objectives><imsss:primaryObjective objectiveID="pa"><imsss:mapInfo targetObjectiveID="g" writeSatisfiedStatus="true"/></imsss:primaryObjective></imsss:objectives></imsss:sequencing></item>
    <item identifier="b" identifierref="r"><title>B</title>
      <imsss:sequencing>
        <imsss:sequencingRules>
          <imsss:preConditionRule><imsss:ruleConditions conditionCombination="any"><imsss:ruleCondition referencedObjective="ob" operator="not" condition="satisfied"/><imsss:ruleCondition condition="timeLimitExceeded"/></imsss:ruleConditions><imsss:ruleAction action="disabled"/></imsss:preConditionRule>
          <imsss:preConditionRule><imsss:ruleConditions><imsss:ruleCondition referencedObjective="ob" operator="not" condition="satisfied"/></imsss:ruleConditions><imsss:ruleAction action="disabled"/></imsss:preConditionRule>
        </imsss:sequencingRules>
        <imsss:objectives><imsss:primaryObjective objectiveID="pb"/><imsss:objective objectiveID="ob"><imsss:mapInfo targetObjectiveID="g"/></imsss:objective></imsss:objectives>
      </imsss:sequencing></item>
    <item identifier="c" identifierref="r"><title>C</title>
      <imsss:sequencing><imsss:sequencingRules><imsss:preConditionRule><imsss:ruleConditions><imsss:ruleCondition condition="completed"/></imsss:ruleConditions><imsss:ruleAction action="skip"/></imsss:preConditionRule></imsss:sequencingRules></imsss:sequencing></item>
    <item identifier="d" identifierref="r"><title>D</title></item>
    <imsss:sequencing><imsss:controlMode choice="false" flow="true"/></imsss:sequencing>
  </organization></organizations>
  <resources><resource identifier="r" type="webcontent" adlcp:scormType="sco" href="x.html"><file href="x.html"/></resource></resources>
</manifest>`;
  const structure = parseScormManifest(manifest, () => true);

  it('reads the sequencing the platform honours (a rule with an unsupported condition is left out)', () => {
    expect(structure.sequencing).toEqual({ controlMode: { choice: false, flow: true } });
    expect(structure.items[1].sequencing!.preConditions).toEqual([{ action: 'disabled', combination: 'all', conditions: [{ condition: 'satisfied', not: true, objective: 'ob' }] }]);
    expect(structure.items[1].sequencing!.objectives).toEqual([
      { id: 'pb', primary: true },
      { id: 'ob', primary: false, global: 'g', readSatisfied: true, writeSatisfied: false },
    ]);
  });

  it('disables B until A writes the global objective satisfied; skips C once completed; choice="false" keeps every item out of the table of contents', () => {
    let a = availability(structure, new Map());
    expect(a.get('b')).toMatchObject({ disabled: true, choosable: false, reason: expect.stringMatching(/hoàn thành/) });
    expect(a.get('a')).toMatchObject({ disabled: false, choosable: false, flow: true, reason: expect.stringMatching(/trình tự/) });
    expect(flowTarget(items(), a, 'a', 1)).toBe('c');
    a = availability(structure, new Map([['a', done(null, 'failed')]]));
    expect(a.get('b')!.disabled).toBe(true);
    a = availability(structure, new Map([['a', done()], ['c', done()]]));
    expect(a.get('b')!.disabled).toBe(false);
    expect(a.get('c')!.skipped).toBe(true);
    expect(flowTarget(items(), a, 'b', 1)).toBe('d');
    expect(flowTarget(items(), a, 'd', -1)).toBe('b');
  });

  const items = () => structure.items.map((i) => ({ id: i.id, launchable: !!i.launch }));
});

describe('cmi5 launch modes', () => {
  it('Review only after completion or pass; Browse only where allowed and before satisfaction', () => {
    expect(launchModeRefusal('Normal', { satisfied: false, judged: false, browseAllowed: false })).toBeNull();
    expect(launchModeRefusal('Review', { satisfied: false, judged: false, browseAllowed: true })).toMatch(/xem lại/);
    expect(launchModeRefusal('Review', { satisfied: false, judged: true, browseAllowed: false })).toBeNull();
    expect(launchModeRefusal('Browse', { satisfied: false, judged: false, browseAllowed: false })).toMatch(/Browse/);
    expect(launchModeRefusal('Browse', { satisfied: false, judged: false, browseAllowed: true })).toBeNull();
    expect(launchModeRefusal('Browse', { satisfied: true, judged: true, browseAllowed: true })).toMatch(/xem lại/);
  });
});

describe('interactions as people read them', () => {
  it('maps SCORM 1.2 names onto 2004 ones and drops entries without an id', () => {
    expect(interactionViews('scorm12', [{ id: 'q1', type: 'choice', student_response: 'a', result: 'wrong', time: '09:10:00', correct_responses: { 0: { pattern: 'b' } } }, { result: 'correct' }])).toEqual([
      { id: 'q1', type: 'choice', learnerResponse: 'a', result: 'wrong', correctResponses: ['b'], latency: '', timestamp: '09:10:00', description: '' },
    ]);
  });
});
