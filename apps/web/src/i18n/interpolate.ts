export type Params = Record<string, string | number>;

/**
 * Fills `{name}` placeholders. Numbers read the language's way ("1.245 người", "1,5 giờ" in Vietnamese); a year is a
 * name, not a quantity, so a parameter called `year` (or `…Year`) is written as is, never "2.025".
 */
export function interpolate(text: string, params: Params | undefined, formatNumber: (n: number) => string = String): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => {
    if (!(name in params)) return match;
    const value = params[name];
    return typeof value === 'number' && !/year$/i.test(name) ? formatNumber(value) : String(value);
  });
}
