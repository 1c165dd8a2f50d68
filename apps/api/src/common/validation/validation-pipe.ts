import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
import { validationFailed } from '@api/common/errors';
import { edgeRuleErrors, textProblems } from './body-rules';

const CONSTRAINT_MESSAGES: Record<string, string> = {
  isNotEmpty: 'không được để trống',
  isDefined: 'là bắt buộc',
  isString: 'phải là chuỗi ký tự',
  isBoolean: 'phải là đúng/sai',
  isInt: 'phải là số nguyên',
  min: 'nhỏ hơn giá trị cho phép',
  max: 'lớn hơn giá trị cho phép',
  isUuid: 'không phải mã định danh hợp lệ',
  isEnum: 'không thuộc các giá trị cho phép',
  isIn: 'không thuộc các giá trị cho phép',
  isEmail: 'không phải địa chỉ email hợp lệ',
  isDateString: 'không phải ngày hợp lệ (YYYY-MM-DD)',
  isIso8601: 'không phải ngày hợp lệ (YYYY-MM-DD)',
  maxLength: 'quá dài',
  minLength: 'quá ngắn',
  matches: 'sai định dạng',
  arrayNotEmpty: 'phải có ít nhất một phần tử',
  arrayMinSize: 'có quá ít phần tử',
  arrayUnique: 'có phần tử bị trùng',
  isNumber: 'phải là số',
  isUrl: 'không phải địa chỉ web hợp lệ (http:// hoặc https://)',
  arrayMaxSize: 'có quá nhiều phần tử',
  isArray: 'phải là danh sách',
  isObject: 'phải là một đối tượng',
  whitelistValidation: 'không được phép gửi',
  isNotNull: 'không được để trống (null)',
  nestedValidation: 'phải là một đối tượng',
  intRange: 'vượt quá giới hạn cho phép',
};

function flatten(errors: ValidationError[], prefix = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints
      ? [{ field, problems: Object.keys(e.constraints).map((k) => CONSTRAINT_MESSAGES[k] ?? e.constraints![k]) }]
      : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

const report = (fields: { field: string; problems: string[] }[]) =>
  validationFailed(fields.map((f) => `${f.field}: ${f.problems.join(', ')}`).join('; '), fields);

/** class-validator plus the rules every DTO follows (body-rules.ts), and no unstorable text anywhere. */
class EdgeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const bad = textProblems(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
      if (bad.length) throw report(bad.map((field) => ({ field, problems: ['chứa ký tự không hợp lệ (NUL hoặc mã Unicode hỏng)'] })));
    }
    return super.transform(value, metadata);
  }

  protected override async validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> {
    const errors = await super.validate(object, options);
    return [...errors, ...edgeRuleErrors(object, errors)];
  }
}

/** Global pipe: unknown fields are refused, types converted, and every problem reported in Vietnamese. */
export function createValidationPipe(): ValidationPipe {
  return new EdgeValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => report(flatten(errors)),
  });
}
