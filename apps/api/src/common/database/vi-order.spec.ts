import { viNameOrder, viOrder } from './vi-order';

describe('Vietnamese order in SQL', () => {
  it('puts the ICU collation on the expression, with an optional direction', () => {
    expect(viOrder('u.name')).toBe('u.name COLLATE vi_icu');
    expect(viOrder('x."unitName"', 'DESC')).toBe('x."unitName" COLLATE vi_icu DESC');
  });

  it('orders people by given name, then by the whole name', () => {
    expect(viNameOrder('p.full_name')).toBe(`regexp_replace(p.full_name, '^.* ', '') COLLATE vi_icu, p.full_name COLLATE vi_icu`);
  });
});
