import { iso8601Seconds, itemDone, keepProgress, resumeValues, scorm12Seconds, summariseCmi } from './runtime-data';

describe('runtime data', () => {
  it('reads SCORM 1.2 status, score (scaled from raw/min/max), location, suspend data, session time, interactions', () => {
    const s = summariseCmi('scorm12', {
      cmi: {
        suspend_data: 'trang=3',
        core: { lesson_status: 'passed', lesson_location: '3', exit: 'suspend', session_time: '00:10:30', score: { raw: '85', min: '0', max: '100' } },
        interactions: { 0: { id: 'q1', result: 'correct' } },
      },
    });
    expect(s).toMatchObject({ completion: 'completed', success: 'passed', scoreScaled: 0.85, location: '3', suspendData: 'trang=3', exit: 'suspend', sessionSeconds: 630 });
    expect(s.interactions).toEqual([{ id: 'q1', result: 'correct' }]);
    expect(summariseCmi('scorm12', { core: { lesson_status: 'failed' } })).toMatchObject({ completion: 'completed', success: 'failed' });
    expect(summariseCmi('scorm12', { core: { lesson_status: 'browsed' } }).completion).toBe('incomplete');
  });

  it('reads SCORM 2004 completion and success separately', () => {
    const s = summariseCmi('scorm2004', { cmi: { completion_status: 'completed', success_status: 'unknown', score: { scaled: '0.9' }, location: 'p2', session_time: 'PT1H2M3.5S' } });
    expect(s).toMatchObject({ completion: 'completed', success: 'unknown', scoreScaled: 0.9, location: 'p2', sessionSeconds: 3723.5 });
  });

  it('counts an item done when passed, or completed without a fail', () => {
    expect(itemDone({ completion: 'completed', success: 'unknown' })).toBe(true);
    expect(itemDone({ completion: 'incomplete', success: 'passed' })).toBe(true);
    expect(itemDone({ completion: 'completed', success: 'failed' })).toBe(false);
    expect(itemDone({ completion: 'incomplete', success: 'unknown' })).toBe(false);
  });

  it('never lets an old commit undo a completion or a pass', () => {
    const passed = summariseCmi('scorm2004', { completion_status: 'completed', success_status: 'passed', score: { scaled: '0.9' } });
    const stale = summariseCmi('scorm2004', { completion_status: 'incomplete', success_status: 'unknown', location: '2' });
    expect(keepProgress(passed, stale)).toMatchObject({ completion: 'completed', success: 'passed', scoreScaled: 0.9, location: '2' });
  });

  it('parses CMI time spans and refuses malformed ones as zero', () => {
    expect(scorm12Seconds('0001:00:05.5')).toBe(3605.5);
    expect(scorm12Seconds('1 hour')).toBe(0);
    expect(iso8601Seconds('P1DT2M')).toBe(86520);
    expect(iso8601Seconds('PT')).toBe(0);
  });

  it('resumes where the learner left: entry, location, suspend data and the total time', () => {
    const stored = { ...summariseCmi('scorm12', { core: { lesson_status: 'incomplete', lesson_location: '2', exit: 'suspend' }, suspend_data: 'trang=2' }), totalSeconds: 3661 };
    const v = resumeValues('scorm12', { id: 'i', title: 'Bài', depth: 0, launch: 'index.html', masteryScore: 80 }, { id: 'p1', name: 'Lê Đức Cường' }, stored);
    expect(v).toMatchObject({
      'cmi.core.student_id': 'p1',
      'cmi.core.student_name': 'Lê Đức Cường',
      'cmi.core.entry': 'resume',
      'cmi.core.lesson_location': '2',
      'cmi.core.lesson_status': 'incomplete',
      'cmi.suspend_data': 'trang=2',
      'cmi.core.total_time': '0001:01:01',
      'cmi.student_data.mastery_score': '80',
    });
    expect(resumeValues('scorm2004', { id: 'i', title: 'Bài', depth: 0, launch: 'a.html', scaledPassingScore: 0.7 }, { id: 'p1', name: 'A' }, null)).toMatchObject({
      'cmi.entry': 'ab-initio',
      'cmi.scaled_passing_score': '0.7',
      'cmi.total_time': 'PT0H0M0S',
    });
  });
});
