import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
  ValidationArguments,
} from 'class-validator';
import {
  Difficulty,
  htmlToText,
  MAX_HTML_EXPLANATION_LENGTH,
  MAX_HTML_OPTION_LENGTH,
  MAX_HTML_STEM_LENGTH,
  MAX_STEM_LENGTH,
  QuestionFormat,
  QuestionDetailDto,
  QuestionFileFormat,
  QuestionListItemDto,
  QuestionRuleProblem,
  QuestionStatus,
  QuestionType,
  QuestionVersionDto,
} from '@cchc/shared';
import { PagingQuery } from '@api/common/dto';
import type { QuestionVersion } from '../question.entity';
import type { QuestionRow } from '../question-bank.repository';
import { IsId, Nullable } from '@api/common/validation';

const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const emptyToUndefined = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim() : value);
const TAG = /^[^,;\n]{1,40}$/;

export class QuestionListQuery extends PagingQuery {
  @ApiPropertyOptional({ description: 'Code, stem or option text, with or without diacritics' }) @IsOptional() @Transform(emptyToUndefined) @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional({ description: 'A topic and its sub-topics' }) @IsOptional() @Transform(emptyToUndefined) @IsId() topicId?: string;
  @ApiPropertyOptional({ default: true }) @IsOptional() @Transform(bool) @IsBoolean() includeSubtopics?: boolean;
  @ApiPropertyOptional({ enum: Difficulty }) @IsOptional() @Transform(emptyToUndefined) @IsEnum(Difficulty) difficulty?: Difficulty;
  @ApiPropertyOptional({ enum: QuestionType }) @IsOptional() @Transform(emptyToUndefined) @IsEnum(QuestionType) type?: QuestionType;
  @ApiPropertyOptional({ enum: QuestionStatus }) @IsOptional() @Transform(emptyToUndefined) @IsEnum(QuestionStatus) status?: QuestionStatus;
  @ApiPropertyOptional() @IsOptional() @Transform(emptyToUndefined) @IsString() @MaxLength(40) tag?: string;
}

/** A text's length limit by the request's format: an HTML text may carry markup beyond the plain limit. */
function MaxTextLength(plain: number, html: number): PropertyDecorator {
  const formatOf = (args: ValidationArguments) => (args.object as { format?: unknown }).format;
  return ValidateBy({
    name: 'maxTextLength',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => typeof value !== 'string' || value.length <= (args && formatOf(args) === QuestionFormat.Html ? html : plain),
      defaultMessage: (args?: ValidationArguments) => `dài quá ${args && formatOf(args) === QuestionFormat.Html ? html : plain} ký tự`,
    },
  });
}

export class QuestionOptionRequest {
  @ApiProperty({ example: 'a' }) @IsString() @Matches(/^[a-z0-9_]{1,12}$/) id: string;
  @ApiProperty({ description: 'Plain text, or HTML when the question format is html (sanitised on the server)' }) @IsString() @MaxLength(MAX_HTML_OPTION_LENGTH) text: string;
  @ApiPropertyOptional({ description: 'Feedback on choosing this option, shown in review (never while the attempt is open)' })
  @Nullable()
  @IsOptional()
  @IsString()
  @MaxLength(MAX_HTML_OPTION_LENGTH)
  feedback?: string | null;
}

export class QuestionContentRequest {
  @ApiProperty() @IsId() topicId: string;
  @ApiProperty({ enum: QuestionType }) @IsEnum(QuestionType) type: QuestionType;
  @ApiProperty({ enum: Difficulty }) @IsEnum(Difficulty) difficulty: Difficulty;
  @ApiPropertyOptional({ enum: QuestionFormat, default: QuestionFormat.Plain, description: 'plain: texts as typed; html: stem, options, feedback and explanation are HTML, sanitised with the question allow-list' })
  @IsOptional()
  @IsEnum(QuestionFormat)
  format?: QuestionFormat;
  @ApiProperty() @IsString() @MaxTextLength(MAX_STEM_LENGTH, MAX_HTML_STEM_LENGTH) stem: string;
  @ApiProperty({ type: [QuestionOptionRequest] }) @IsArray() @ArrayMaxSize(8) @ValidateNested({ each: true }) @Type(() => QuestionOptionRequest) options: QuestionOptionRequest[];
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(8) @ArrayUnique() @IsString({ each: true }) correct: string[];
  @ApiPropertyOptional() @Nullable() @IsOptional() @IsString() @MaxTextLength(4000, MAX_HTML_EXPLANATION_LENGTH) explanation?: string | null;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @ArrayUnique() @IsId({ each: true }) lessonIds?: string[];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @ArrayUnique() @IsId({ each: true }) documentIds?: string[];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Matches(TAG, { each: true }) tags?: string[];
}

export class CreateQuestionRequest extends QuestionContentRequest {
  @ApiPropertyOptional({ description: 'Publish at once (the content must be valid)' }) @IsOptional() @IsBoolean() publish?: boolean;
}

export class UpdateQuestionRequest extends QuestionContentRequest {
  @ApiPropertyOptional({ description: 'The version the editor started from; a newer one means someone else saved meanwhile (409)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class ChangeQuestionStatusRequest {
  @ApiProperty({ enum: QuestionStatus }) @IsEnum(QuestionStatus) status: QuestionStatus;
}

export class BulkIdsRequest {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @ArrayUnique() @IsId({ each: true }) ids: string[];
}

export class BulkTagRequest extends BulkIdsRequest {
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Matches(TAG, { each: true }) add?: string[];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Matches(TAG, { each: true }) remove?: string[];
}

export class QuestionImportQuery {
  @ApiProperty({ enum: QuestionFileFormat }) @IsEnum(QuestionFileFormat) format: QuestionFileFormat;
  @ApiPropertyOptional({ description: 'Topic for GIFT/Aiken questions whose file names none' }) @IsOptional() @Transform(emptyToUndefined) @IsString() @MaxLength(50) topicCode?: string;
  @ApiPropertyOptional({ enum: Difficulty, description: 'Difficulty for GIFT/Aiken questions (default medium)' }) @IsOptional() @Transform(emptyToUndefined) @IsEnum(Difficulty) difficulty?: Difficulty;
  @ApiPropertyOptional({ description: 'Publish the imported questions (only when all are valid)' }) @IsOptional() @Transform(bool) @IsBoolean() publish?: boolean;
  @ApiPropertyOptional({ description: 'JSON object: Moodle category path → topic code (the mapping step of the dry run)', example: '{"$course$/top/Mặc định":"CCHC.TTHC"}' })
  @IsOptional() @Transform(emptyToUndefined) @IsString() @MaxLength(20_000) categoryTopics?: string;
  @ApiPropertyOptional({ description: 'Skip the questions of unsupported types (the author has seen the list)' }) @IsOptional() @Transform(bool) @IsBoolean() skipUnsupported?: boolean;
}

export class QuestionExportQuery extends QuestionListQuery {
  @ApiPropertyOptional({ enum: ['xlsx', 'gift'] }) @IsOptional() @IsIn(['xlsx', 'gift']) format?: 'xlsx' | 'gift';
}

const iso = (d: Date) => new Date(d).toISOString();

export function mapQuestionListItem(r: QuestionRow): QuestionListItemDto {
  return {
    id: r.question.id,
    code: r.question.code,
    topicId: r.question.topicId,
    topicCode: r.topicCode,
    topicName: r.topicName,
    type: r.question.type,
    difficulty: r.question.difficulty,
    status: r.question.status,
    currentVersion: r.question.currentVersion,
    tags: r.question.tags,
    stem: r.version.format === QuestionFormat.Html ? htmlToText(r.version.stem) : r.version.stem,
    updatedAt: iso(r.question.updatedAt),
  };
}

export function mapQuestionVersion(v: QuestionVersion & { topicCode: string; topicName: string; createdByName?: string | null }): QuestionVersionDto {
  return {
    id: v.id,
    version: v.version,
    topicId: v.topicId,
    topicCode: v.topicCode,
    topicName: v.topicName,
    type: v.type,
    difficulty: v.difficulty,
    format: v.format,
    stem: v.stem,
    options: v.options,
    correct: v.correct,
    explanation: v.explanation,
    lessonIds: v.lessonIds,
    documentIds: v.documentIds,
    createdBy: v.createdBy,
    createdByName: v.createdByName ?? null,
    createdAt: iso(v.createdAt),
  };
}

export function mapQuestionDetail(r: QuestionRow, problems: QuestionRuleProblem[]): QuestionDetailDto {
  return {
    ...mapQuestionListItem(r),
    current: mapQuestionVersion(Object.assign(r.version, { topicCode: r.topicCode, topicName: r.topicName })),
    problems,
    createdAt: iso(r.question.createdAt),
  };
}
