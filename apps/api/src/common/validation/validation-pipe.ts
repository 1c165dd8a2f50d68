import { ValidationError, ValidationPipe } from '@nestjs/common';
import { validationFailed } from '@api/common/errors';

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
  arrayMaxSize: 'có quá nhiều phần tử',
  isArray: 'phải là danh sách',
  whitelistValidation: 'không được phép gửi',
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

/** Global pipe: unknown fields are refused, types converted, and every problem reported in Vietnamese. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      const text = fields.map((f) => `${f.field}: ${f.problems.join(', ')}`).join('; ');
      return validationFailed(text, fields);
    },
  });
}
