import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { UNIT_LEVELS, UnitDetailDto, UnitDto, UnitLevel } from '@cchc/shared';
import type { OrgUnit } from '../org-unit.entity';
import { IsId } from '@api/common/validation';

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class UnitListQuery {
  @ApiPropertyOptional() @IsOptional() @Transform(({ value }) => value === 'true' || value === true) @IsBoolean() includeClosed?: boolean;
}

export class CreateUnitRequest {
  @ApiProperty({ example: 'KH.X.NHATRANG' }) @Transform(trim) @IsString() @Matches(CODE) code: string;
  @ApiProperty({ example: 'Phường Nha Trang' }) @Transform(trim) @IsString() @MinLength(2) @MaxLength(255) name: string;
  @ApiProperty({ enum: UNIT_LEVELS }) @IsIn(UNIT_LEVELS) level: UnitLevel;
  @ApiProperty() @IsId() parentId: string;
}

export class UpdateUnitRequest {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Matches(CODE) code?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(2) @MaxLength(255) name?: string;
  @ApiPropertyOptional({ enum: UNIT_LEVELS }) @IsOptional() @IsIn(UNIT_LEVELS) level?: UnitLevel;
}

export class MoveUnitRequest {
  @ApiProperty() @IsId() newParentId: string;
}

export class MergeUnitsRequest {
  @ApiProperty({ type: [String], description: 'Units merged into the unit in the path, which survives' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @IsId({ each: true })
  sourceUnitIds: string[];
}

export function mapUnit(u: OrgUnit, counts?: { own: number; subtree: number }): UnitDto {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    level: u.level,
    parentId: u.parentId,
    path: u.path,
    status: u.status,
    mergedIntoId: u.mergedIntoId,
    peopleCount: counts?.own ?? 0,
    subtreePeopleCount: counts?.subtree ?? 0,
  };
}

export function mapUnitDetail(
  u: OrgUnit,
  counts: { own: number; subtree: number },
  ancestors: UnitDetailDto['ancestors'],
  children: UnitDto[],
): UnitDetailDto {
  return { ...mapUnit(u, counts), ancestors, children, closedAt: u.closedAt?.toISOString() ?? null };
}
