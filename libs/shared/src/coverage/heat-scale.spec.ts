import { heatColour, heatHue, heatRatio, HEAT_GREY } from './heat-scale';

describe('heat map colour scale', () => {
  it('grows monotonically with the share, relative to the threshold', () => {
    for (const threshold of [50, 80, 100]) {
      let previous = -1;
      for (let pct = 0; pct <= 100; pct += 0.5) {
        const hue = heatHue(pct, threshold);
        expect(hue).toBeGreaterThanOrEqual(previous);
        previous = hue;
      }
    }
  });
  it('red at 0, green at and above the threshold: 80% of an 80% target is as green as 100% of a 100% target', () => {
    expect(heatHue(0, 80)).toBe(0);
    expect(heatHue(80, 80)).toBe(120);
    expect(heatHue(95, 80)).toBe(120);
    expect(heatHue(40, 80)).toBe(60);
    expect(heatRatio(50, 100)).toBe(0.5);
  });
  it('not applicable is grey and no one eligible is plain: never red', () => {
    expect(heatColour('not_applicable')).toBe(HEAT_GREY);
    expect(heatColour('no_eligible')).not.toMatch(/^hsl\(0 /);
    expect(heatColour('value', 0, 100)).toMatch(/^hsl\(0 /);
  });
});
