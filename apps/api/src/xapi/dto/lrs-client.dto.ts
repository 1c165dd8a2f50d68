import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import type { LrsClientDto } from '@cchc/shared';
import { LRS_SCOPES, LrsScope } from '../lrs-client';
import type { LrsClientRow } from '../xapi.repository';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value);

export class CreateLrsClientRequest {
  @ApiProperty({ example: 'Nền tảng bồi dưỡng Bộ Nội vụ' })
  @Transform(trim) @IsString() @MinLength(2, { message: 'Tên ứng dụng cần ít nhất 2 ký tự.' }) @MaxLength(120) name: string;

  @ApiProperty({ enum: LRS_SCOPES, isArray: true, example: ['write', 'read_own'] })
  @IsArray() @ArrayMinSize(1, { message: 'Chọn ít nhất một quyền.' }) @ArrayUnique() @IsIn(LRS_SCOPES, { each: true, message: 'Quyền phải là write, read_own hoặc read_all.' })
  scopes: LrsScope[];
}

export function toLrsClientDto(row: LrsClientRow): LrsClientDto {
  return { id: row.id, name: row.name, key: row.key, scopes: row.scopes, createdAt: row.createdAt.toISOString(), revokedAt: row.revokedAt?.toISOString() ?? null, createdByName: row.createdByName };
}
