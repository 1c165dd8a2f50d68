import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { COMPLETION_RULE_KINDS, type CompletionRule, type CompletionRuleKind, CourseStatus, LessonKind } from '@cchc/shared';
import { IsId } from '@api/common/validation';
import { PagingQuery } from '@api/common/dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true };

export class CatalogueQuery {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional() @IsOptional() @IsId() topicId?: string;
}

/** The lesson picker: words of the course, module or lesson title with or without diacritics; or the given lessons. */
export class LessonSearchQuery extends PagingQuery {
  @ApiPropertyOptional({ description: 'Words of the course, module or lesson title, with or without diacritics' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional({ type: [String], description: 'Only these lessons (the titles of links already chosen); comma-separated' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value))
  @IsArray()
  @ArrayMaxSize(50)
  @IsId({ each: true })
  ids?: string[];
}

export class CompletionRuleInput {
  @ApiProperty({ enum: COMPLETION_RULE_KINDS }) @IsIn(COMPLETION_RULE_KINDS) kind: CompletionRuleKind;
  @ApiPropertyOptional({ type: [String] })
  @ValidateIf((o: CompletionRuleInput) => o.kind === 'chosen_lessons')
  @IsArray()
  @ArrayMaxSize(500)
  @IsId({ each: true })
  lessonIds?: string[];
  @ApiPropertyOptional() @ValidateIf((o: CompletionRuleInput) => o.kind === 'final_quiz') @IsId() testRoundId?: string;
}

export function toCompletionRule(input: CompletionRuleInput): CompletionRule {
  if (input.kind === 'chosen_lessons') return { kind: 'chosen_lessons', lessonIds: [...new Set(input.lessonIds ?? [])] };
  if (input.kind === 'final_quiz') return { kind: 'final_quiz', testRoundId: input.testRoundId! };
  return { kind: 'all_lessons' };
}

export class CreateCourseRequest {
  @ApiProperty() @Transform(trim) @IsString() @MinLength(3) @MaxLength(300) title: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(30) @IsId({ each: true }) topicIds: string[];
  @ApiProperty() @Type(() => Number) @IsNumber({ maxDecimalPlaces: 1 }) @Min(0.5) @Max(1000) estimatedHours: number;
}

export class UpdateCourseRequest {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(3) @MaxLength(300) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(30) @IsId({ each: true }) topicIds?: string[];
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsNumber({ maxDecimalPlaces: 1 }) @Min(0.5) @Max(1000) estimatedHours?: number;
  @ApiPropertyOptional({ enum: CourseStatus }) @IsOptional() @IsEnum(CourseStatus) status?: CourseStatus;
  @ApiPropertyOptional({ type: CompletionRuleInput }) @IsOptional() @ValidateNested() @Type(() => CompletionRuleInput) completionRule?: CompletionRuleInput;
}

export class CreateModuleRequest {
  @ApiProperty() @Transform(trim) @IsString() @MinLength(2) @MaxLength(300) title: string;
}

export class UpdateModuleRequest {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(2) @MaxLength(300) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(10000) sortOrder?: number;
}

export class CreateLessonRequest {
  @ApiProperty() @Transform(trim) @IsString() @MinLength(2) @MaxLength(300) title: string;
  @ApiProperty({ enum: LessonKind }) @IsEnum(LessonKind) kind: LessonKind;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200_000) bodyHtml?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsUrl(URL_OPTIONS) @MaxLength(2000) url?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(1440) durationMinutes?: number;
}

export class UpdateLessonRequest {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(2) @MaxLength(300) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200_000) bodyHtml?: string;
  /** Empty string removes the link. */
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @ValidateIf((o: UpdateLessonRequest) => o.url !== '') @IsUrl(URL_OPTIONS) @MaxLength(2000) url?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(1440) durationMinutes?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(10000) sortOrder?: number;
  @ApiPropertyOptional() @IsOptional() @IsId() moduleId?: string;
}
