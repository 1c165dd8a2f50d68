import { flowStep, navigationTarget, nextPollDelay, STATUS_POLL, type Sequenced } from './navigation';

const item = (id: string, over: Partial<Sequenced> = {}): Sequenced => ({ id, disabled: false, skipped: false, flow: true, choosable: true, ...over });

describe('package navigation', () => {
  it('previous/next pass over skipped and disabled items and stop where flow is not allowed', () => {
    const items = [item('a'), item('b', { skipped: true }), item('c', { disabled: true }), item('d')];
    expect(flowStep(items, 'a', 1)).toBe('d');
    expect(flowStep(items, 'd', -1)).toBe('a');
    expect(flowStep(items, 'a', -1)).toBeNull();
    expect(flowStep([item('a', { flow: false }), item('b')], 'a', 1)).toBeNull();
    expect(flowStep([item('a'), item('b', { flow: false })], 'a', 1)).toBeNull();
  });

  it('honours continue/previous and a choice of an item that allows it', () => {
    const items = [item('a'), item('b', { choosable: false }), item('c', { disabled: true })];
    expect(navigationTarget('continue', items, 0, { previous: null, next: 'b' })).toBe('b');
    expect(navigationTarget('{target=b}choice', items, 0)).toBeNull();
    expect(navigationTarget('{target=b}jump', items, 0)).toBe('b');
    expect(navigationTarget('{target=c}choice', items, 0)).toBeNull();
    expect(navigationTarget('{target=a}choice', items, 1)).toBe('a');
    expect(navigationTarget('exitAll', items, 0)).toBeNull();
  });

  it('re-reads the AU status soon after a change and backs off to 30 s while nothing changes', () => {
    let delay: number = STATUS_POLL.first;
    const seen: number[] = [];
    for (let i = 0; i < 6; i++) seen.push((delay = nextPollDelay(delay, false)));
    expect(seen).toEqual([6000, 12000, 24000, 30000, 30000, 30000]);
    expect(nextPollDelay(30000, true)).toBe(3000);
  });
});
