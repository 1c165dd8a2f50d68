import { availableParallelism } from 'node:os';
import { loadConfig } from './app-config';

describe('loadConfig: API_WORKERS', () => {
  it('serves from one process unless told otherwise', () => {
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ API_WORKERS: '' }).workers).toBe(1);
  });

  it('takes a number of processes, or one per CPU for "auto"', () => {
    expect(loadConfig({ API_WORKERS: '3' }).workers).toBe(3);
    expect(loadConfig({ API_WORKERS: 'auto' }).workers).toBe(Math.max(1, availableParallelism()));
  });

  it('refuses a value that is not a sensible count, naming it', () => {
    for (const bad of ['0', '-2', '1.5', 'two', '65']) expect(() => loadConfig({ API_WORKERS: bad })).toThrow(`API_WORKERS must be a number from 1 to 64 or "auto", got "${bad}"`);
  });
});
