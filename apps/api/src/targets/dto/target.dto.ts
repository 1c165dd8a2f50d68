import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsEnum,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { EvidenceKind, PERSON_CATEGORIES, TARGET_SHORT_NAME_MAX, TargetDto, UNIT_LEVELS } from '@cchc/shared';
import type { Target } from '../target.entity';
import { IsId, Nullable } from '@api/common/validation';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class TargetAudienceRequest {
  @ApiProperty({ type: [String] }) @IsArray() @IsIn(PERSON_CATEGORIES, { each: true }) categories: string[];
  @ApiPropertyOptional({ nullable: true }) @Nullable() @IsOptional() @IsBoolean() doesCchcWork: boolean | null = null;
  @ApiPropertyOptional({ nullable: true }) @Nullable() @IsOptional() @IsBoolean() isLeader: boolean | null = null;
  @ApiProperty({ type: [String] }) @IsArray() @IsIn(UNIT_LEVELS, { each: true }) unitLevels: string[];
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(50) @IsId({ each: true }) unitIds: string[];
}

export class TargetPhaseRequest {
  @ApiProperty() @Transform(trim) @IsString() @MinLength(2) @MaxLength(100) name: string;
  @ApiProperty() @IsInt() @Min(2000) @Max(2100) startYear: number;
  @ApiProperty() @IsInt() @Min(2000) @Max(2100) endYear: number;
  @ApiProperty({ enum: ['interim', 'final'] }) @IsIn(['interim', 'final']) review: 'interim' | 'final';
}

export class SaveTargetRequest {
  @ApiProperty({ example: 'QD1439.ASEAN' }) @Transform(trim) @IsString() @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/) code: string;
  @ApiProperty() @Transform(trim) @IsString() @MinLength(5) @MaxLength(300) name: string;
  @ApiPropertyOptional({ description: 'column title in the heat map; default from the name' }) @IsOptional() @Transform(trim) @IsString() @MaxLength(TARGET_SHORT_NAME_MAX) shortName?: string;
  @ApiProperty({ example: '1439/QĐ-TTg' }) @Transform(trim) @IsString() @MinLength(2) @MaxLength(60) legalBasisNumber: string;
  @ApiPropertyOptional() @Nullable() @IsOptional() @IsDateString() legalBasisDate?: string | null;
  @ApiProperty() @IsId() topicId: string;
  @ApiProperty({ enum: ['people', 'units'] }) @IsIn(['people', 'units']) kind: 'people' | 'units';
  @ApiProperty({ type: TargetAudienceRequest }) @ValidateNested() @Type(() => TargetAudienceRequest) audience: TargetAudienceRequest;
  @ApiProperty({ enum: EvidenceKind, isArray: true }) @IsArray() @ArrayMinSize(1) @IsEnum(EvidenceKind, { each: true }) evidenceKinds: EvidenceKind[];
  @ApiProperty({ enum: ['year', 'years', 'phase'] }) @IsIn(['year', 'years', 'phase']) validity: 'year' | 'years' | 'phase';
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(30) validityYears?: number;
  @ApiProperty({ type: [TargetPhaseRequest] }) @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => TargetPhaseRequest) phases: TargetPhaseRequest[];
  @ApiProperty() @IsInt() @Min(2000) @Max(2100) startYear: number;
  @ApiProperty() @IsInt() @Min(2000) @Max(2100) endYear: number;
  @ApiProperty() @IsDateString() deadline: string;
  @ApiProperty() @IsNumber() @Min(1) @Max(100) thresholdPct: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(1) unitShare?: number;
  @ApiPropertyOptional({ example: '11-25' }) @Nullable() @IsOptional() @Matches(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/) unitReportDue?: string | null;
  @ApiPropertyOptional({ example: '12-15' }) @Nullable() @IsOptional() @Matches(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/) provinceReportDue?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

/** How far the build of a target's coverage is (people done / total), null when it is ready. */
export interface TargetBuildState {
  done: number;
  total: number;
}

export function mapTarget(t: Target & { build?: TargetBuildState | null }, topic: { code: string; name: string }): TargetDto {
  return {
    id: t.id,
    code: t.code,
    name: t.name,
    shortName: t.shortName,
    legalBasisNumber: t.legalBasisNumber,
    legalBasisDate: t.legalBasisDate,
    topicId: t.topicId,
    topicCode: topic.code,
    topicName: topic.name,
    kind: t.kind,
    audience: {
      categories: t.audience.categories ?? [],
      doesCchcWork: t.audience.doesCchcWork ?? null,
      isLeader: t.audience.isLeader ?? null,
      unitLevels: t.audience.unitLevels ?? [],
      unitIds: t.audience.unitIds ?? [],
    },
    evidenceKinds: t.evidenceKinds,
    validity: t.validity,
    validityYears: t.validityYears,
    phases: t.phases,
    startYear: t.startYear,
    endYear: t.endYear,
    deadline: t.deadline,
    thresholdPct: Number(t.thresholdPct),
    unitShare: Number(t.unitShare),
    unitReportDue: t.unitReportDue,
    provinceReportDue: t.provinceReportDue,
    active: t.active,
    coverageBuild: t.build ? { done: t.build.done, total: t.build.total, pct: buildPct(t.build) } : null,
  };
}

/** 0–99 while building: "100%" is only said once the target is ready. */
export function buildPct(b: TargetBuildState): number {
  return b.total <= 0 ? 0 : Math.min(99, Math.floor((100 * b.done) / b.total));
}
