import { getMetadataStorage, ValidateBy, ValidationError } from 'class-validator';

/**
 * Rules every request DTO follows without saying so, checked by the global validation pipe after class-validator:
 *  - a field without `@IsOptional()` must be present (a nested object too: `@ValidateNested` alone lets `undefined` by);
 *  - `null` is refused unless the field says `@Nullable()` (class-validator's `@IsOptional()` lets `null` through to
 *    a NOT NULL column);
 *  - an integer outside PostgreSQL's `integer` range is refused (every integer column the API writes is `integer`).
 * Text that PostgreSQL cannot store or that is not valid Unicode (NUL, a lone UTF-16 surrogate) is refused by
 * `textProblems`, for every body, query and path parameter, typed or not.
 */
export const INT_MAX = 2_147_483_647;

/** The field may be sent as `null` (to clear it). Kept as class-validator metadata, so PartialType copies it. */
export function Nullable(): PropertyDecorator {
  return ValidateBy({ name: 'isNullable', validator: { validate: () => true } });
}

interface FieldRule {
  optional: boolean;
  nullable: boolean;
}

function fieldRules(ctor: new () => unknown): Map<string, FieldRule> {
  const rules = new Map<string, FieldRule>();
  for (const m of getMetadataStorage().getTargetValidationMetadatas(ctor, '', true, false)) {
    const rule = rules.get(m.propertyName) ?? { optional: false, nullable: false };
    if (m.type === 'conditionalValidation') rule.optional = true;
    if (m.name === 'isNullable') rule.nullable = true;
    rules.set(m.propertyName, rule);
  }
  return rules;
}

const cache = new Map<unknown, Map<string, FieldRule>>();
const rulesOf = (ctor: new () => unknown) => cache.get(ctor) ?? cache.set(ctor, fieldRules(ctor)).get(ctor)!;

/** Problems class-validator does not see, as ValidationErrors so they are reported like the rest. */
export function edgeRuleErrors(object: unknown, already: ValidationError[]): ValidationError[] {
  if (!object || typeof object !== 'object' || object.constructor === Object) return [];
  const ctor = object.constructor as new () => unknown;
  const flagged = new Set(already.map((e) => e.property));
  const errors: ValidationError[] = [];
  for (const [key, { optional, nullable }] of rulesOf(ctor)) {
    const value = (object as Record<string, unknown>)[key];
    const error = (constraints: Record<string, string>, children: ValidationError[] = []): ValidationError =>
      Object.assign(new ValidationError(), { property: key, value, constraints, children, target: object });
    if (flagged.has(key)) continue; // class-validator already reports this field
    if (value === undefined) {
      if (!optional) errors.push(error({ isDefined: 'là bắt buộc' }));
    } else if (value === null) {
      if (!nullable) errors.push(error({ isNotNull: 'không được để trống (null)' }));
    } else if (typeof value === 'number') {
      if (Number.isInteger(value) && Math.abs(value) > INT_MAX) errors.push(error({ intRange: 'vượt quá giới hạn cho phép' }));
    } else if (Array.isArray(value)) {
      const children = value.flatMap((item, i) => {
        const inner = edgeRuleErrors(item, []);
        return inner.length ? [Object.assign(new ValidationError(), { property: String(i), value: item, children: inner, target: value })] : [];
      });
      if (children.length) errors.push(error(undefined as never, children));
    } else if (typeof value === 'object') {
      const inner = edgeRuleErrors(value, []);
      if (inner.length) errors.push(error(undefined as never, inner));
    }
  }
  return errors;
}

// Lone surrogates: a high surrogate not followed by a low one, or a low one not preceded by a high one.
// eslint-disable-next-line no-control-regex -- finding the NUL character is the point
const BAD_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Fields (by path) holding text PostgreSQL cannot store: a NUL character or a lone UTF-16 surrogate. */
export function textProblems(value: unknown, path = ''): string[] {
  const found: string[] = [];
  const stack: [unknown, string][] = [[value, path]];
  while (stack.length && found.length < 20) {
    const [node, at] = stack.pop()!;
    if (typeof node === 'string') {
      if (BAD_TEXT.test(node)) found.push(at || 'nội dung');
    } else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        const child = Array.isArray(node) ? `${at}.${k}` : at ? `${at}.${k}` : k;
        if (BAD_TEXT.test(k)) found.push(child);
        stack.push([v, child]);
      }
    }
  }
  return found;
}
