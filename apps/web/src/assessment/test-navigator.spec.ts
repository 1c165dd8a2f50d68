import { MemoryStorage } from '../test-support/memory-storage';
import { loadFlags, navigatorItems, saveFlags, submitSummary, toggled } from './test-navigator';

describe('test navigator and pre-submit summary', () => {
  const ids = ['q1', 'q2', 'q3', 'q4'];
  const answers: Record<string, string[]> = { q1: ['a'], q2: [], q4: ['b', 'c'] };

  it('numbers questions from 1 and marks answered (a cleared answer is not), unanswered and flagged', () => {
    expect(navigatorItems(ids, (id) => answers[id], new Set(['q2', 'q4']))).toEqual([
      { n: 1, questionId: 'q1', state: 'answered', flagged: false },
      { n: 2, questionId: 'q2', state: 'unanswered', flagged: true },
      { n: 3, questionId: 'q3', state: 'unanswered', flagged: false },
      { n: 4, questionId: 'q4', state: 'answered', flagged: true },
    ]);
  });

  it('the summary lists the unanswered and the flagged questions by number, and says when nothing is left', () => {
    const s = submitSummary(navigatorItems(ids, (id) => answers[id], new Set(['q4'])));
    expect({ answered: s.answered, total: s.total, unanswered: s.unanswered.map((i) => i.n), flagged: s.flagged.map((i) => i.n), complete: s.complete }).toEqual({
      answered: 2,
      total: 4,
      unanswered: [2, 3],
      flagged: [4],
      complete: false,
    });
    expect(submitSummary(navigatorItems(['q1'], () => ['a'], new Set())).complete).toBe(true);
    expect(submitSummary(navigatorItems(['q1'], () => ['a'], new Set(['q1']))).complete).toBe(false);
  });

  it('flags survive a reload on this device, per attempt; an empty set leaves nothing behind', () => {
    const storage = new MemoryStorage();
    saveFlags('att-1', new Set(['q2', 'q3']), storage);
    saveFlags('att-2', new Set(['q9']), storage);
    expect([...loadFlags('att-1', storage)].sort()).toEqual(['q2', 'q3']);
    saveFlags('att-1', new Set(), storage);
    expect(loadFlags('att-1', storage).size).toBe(0);
    expect(storage.length).toBe(1);
    storage.setItem('cchc.attempt.att-3.flags', '{not json');
    expect(loadFlags('att-3', storage).size).toBe(0);
    storage.setItem('cchc.attempt.att-4.flags', '[1, "q1", null]');
    expect([...loadFlags('att-4', storage)]).toEqual(['q1']);
  });

  it('toggled adds or removes one value without touching the original', () => {
    const a = new Set(['x']);
    expect([...toggled(a, 'y')]).toEqual(['x', 'y']);
    expect([...toggled(a, 'x')]).toEqual([]);
    expect([...a]).toEqual(['x']);
  });
});
