import { forwardBackoffSeconds } from './forwarding.service';

describe('forwardBackoffSeconds', () => {
  it('doubles from 30 s after each consecutive failure and stops at an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 20].map(forwardBackoffSeconds)).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
  });
});
