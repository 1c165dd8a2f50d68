import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsEnum, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import {
  PersonCategory,
  PersonDetailDto,
  PersonListItemDto,
  PersonStatus,
  PersonStatusHistoryDto,
  PersonUnitHistoryDto,
  UnitChangeReason,
} from '@cchc/shared';
import { PagingQuery } from '@api/common/dto';
import type { PersonRow } from '../people.repository';
import { IsId, Nullable } from '@api/common/validation';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const emptyToUndefined = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim() : value);
const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
export const STAFF_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{1,29}$/;
export const PHONE = /^(\+84|0)[0-9 .]{8,14}$/;
/** A calendar day first: ISO 8601 also allows "2026", "2026-W01" and "2026-100", which the services cannot read. */
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}/;

export class PeopleListQuery extends PagingQuery {
  @ApiPropertyOptional({ description: 'Name or staff code, with or without diacritics' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional() @IsOptional() @IsId() unitId?: string;
  @ApiPropertyOptional({ default: true }) @IsOptional() @Transform(bool) @IsBoolean() includeSubunits?: boolean;
  @ApiPropertyOptional({ enum: PersonCategory }) @IsOptional() @IsEnum(PersonCategory) category?: PersonCategory;
  @ApiPropertyOptional({ enum: PersonStatus }) @IsOptional() @IsEnum(PersonStatus) status?: PersonStatus;
  @ApiPropertyOptional() @IsOptional() @Transform(bool) @IsBoolean() doesCchcWork?: boolean;
  @ApiPropertyOptional() @IsOptional() @Transform(bool) @IsBoolean() isLeader?: boolean;
  @ApiPropertyOptional({ enum: ['fullName', 'staffCode', 'unit'] }) @IsOptional() @IsIn(['fullName', 'staffCode', 'unit']) sort?: 'fullName' | 'staffCode' | 'unit';
}

export class PersonFieldsRequest {
  @ApiProperty({ example: 'Nguyễn Văn An' }) @Transform(trim) @IsString() @MinLength(2) @MaxLength(120) @Matches(/^[^0-9]+$/) fullName: string;
  @ApiProperty({ enum: PersonCategory }) @IsEnum(PersonCategory) category: PersonCategory;
  @ApiPropertyOptional() @Nullable() @IsOptional() @Transform(emptyToUndefined) @IsString() @MaxLength(150) position?: string;
  @ApiPropertyOptional() @Nullable() @IsOptional() @Transform(emptyToUndefined) @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional() @Nullable() @IsOptional() @Transform(emptyToUndefined) @IsString() @Matches(PHONE) phone?: string;
  @ApiPropertyOptional({ example: '1980-05-31' }) @Nullable() @IsOptional() @Transform(emptyToUndefined) @IsISO8601({ strict: true }) @Matches(CALENDAR_DATE) dateOfBirth?: string;
  @ApiPropertyOptional({ enum: ['male', 'female'] }) @Nullable() @IsOptional() @IsIn(['male', 'female']) gender?: 'male' | 'female';
  @ApiProperty() @IsBoolean() doesCchcWork: boolean;
  @ApiProperty() @IsBoolean() isLeader: boolean;
}

export class CreatePersonRequest extends PersonFieldsRequest {
  @ApiProperty({ example: 'KH001234' }) @Transform(trim) @IsString() @Matches(STAFF_CODE) staffCode: string;
  @ApiProperty() @IsId() unitId: string;
}

/** Only the fields sent change; `null` clears an optional field. */
export class UpdatePersonRequest extends PartialType(PersonFieldsRequest) {}

export class TransferPersonRequest {
  @ApiProperty() @IsId() unitId: string;
  @ApiPropertyOptional({ example: '2026-01-01' }) @IsOptional() @IsISO8601({ strict: true }) @Matches(CALENDAR_DATE) effectiveDate?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class ChangeStatusRequest {
  @ApiProperty({ enum: PersonStatus }) @IsEnum(PersonStatus) status: PersonStatus;
  @ApiPropertyOptional({ example: '2026-01-01' }) @IsOptional() @IsISO8601({ strict: true }) @Matches(CALENDAR_DATE) effectiveDate?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export function mapPersonListItem(p: PersonRow): PersonListItemDto {
  return {
    id: p.id,
    staffCode: p.staffCode,
    fullName: p.fullName,
    unitId: p.unitId,
    unitName: p.unitName,
    unitCode: p.unitCode,
    category: p.category,
    position: p.position,
    doesCchcWork: p.doesCchcWork,
    isLeader: p.isLeader,
    status: p.status,
  };
}

type HistoryRow = Record<string, unknown>;
const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : null);

export function mapPersonDetail(
  p: PersonRow,
  unitHistory: HistoryRow[],
  statusHistory: HistoryRow[],
  user: { id: string; username: string } | null,
): PersonDetailDto {
  return {
    ...mapPersonListItem(p),
    email: p.email,
    phone: p.phone,
    dateOfBirth: p.dateOfBirth,
    gender: p.gender,
    userId: user?.id ?? null,
    username: user?.username ?? null,
    unitHistory: unitHistory.map(
      (h): PersonUnitHistoryDto => ({
        unitId: h.unit_id as string,
        unitCode: h.unit_code as string,
        unitName: h.unit_name as string,
        fromDate: iso(h.from_date)!,
        toDate: iso(h.to_date),
        reason: h.reason as UnitChangeReason,
        note: (h.note as string) ?? null,
      }),
    ),
    statusHistory: statusHistory.map(
      (h): PersonStatusHistoryDto => ({
        status: h.status as PersonStatus,
        fromDate: iso(h.from_date)!,
        toDate: iso(h.to_date),
        note: (h.note as string) ?? null,
      }),
    ),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** Options of a staff-list upload (query string: the body is the multipart file). */
export class PeopleImportQuery {
  @ApiPropertyOptional({ description: '"Tạo tài khoản cho người mới": an account with a one-time password for every person the import creates' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value))
  @IsBoolean({ message: 'createAccounts phải là true hoặc false.' })
  createAccounts?: boolean;
}
