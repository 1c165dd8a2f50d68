import { applyDecorators, Injectable, Param, PipeTransform } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy, ValidationOptions } from 'class-validator';
import { commonError, CommonErrorCode } from '@api/common/errors';

/**
 * Ids are checked once, at the edge: path ids with `@IdParam()`, body and query ids with `@IsId()`. Upper-case UUIDs
 * are accepted and lower-cased here, because unit paths and every comparison in the services use the lower-case form.
 * Services and repositories never test ids again.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isId = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

const lower = (value: unknown): unknown =>
  typeof value === 'string' ? value.toLowerCase() : Array.isArray(value) ? value.map(lower) : value;

const invalidPathId = (name: string) =>
  commonError(CommonErrorCode.InvalidId, `Mã định danh "${name}" trong địa chỉ không hợp lệ.`, [{ field: name, problems: ['không phải mã định danh hợp lệ'] }]);

@Injectable()
export class ParseIdPipe implements PipeTransform<unknown, string> {
  constructor(private readonly name: string) {}
  transform(value: unknown): string {
    if (!isId(value)) throw invalidPathId(this.name);
    return value.toLowerCase();
  }
}

/** A UUID path parameter: refused with 400 INVALID_ID when it is not one, lower-cased when it is. */
export const IdParam = (name = 'id') => Param(name, new ParseIdPipe(name));

/** Notification ids are database sequence numbers, not UUIDs. */
@Injectable()
export class ParseSequenceIdPipe implements PipeTransform<unknown, string> {
  constructor(private readonly name: string) {}
  transform(value: unknown): string {
    if (typeof value !== 'string' || !/^[1-9]\d{0,17}$/.test(value)) throw invalidPathId(this.name);
    return value;
  }
}
export const SequenceIdParam = (name = 'id') => Param(name, new ParseSequenceIdPipe(name));

/** A UUID in a body or query field (or each element, with `{ each: true }`), lower-cased. */
export function IsId(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => lower(value)),
    ValidateBy({ name: 'isUuid', validator: { validate: (value) => isId(value) } }, options),
  );
}
