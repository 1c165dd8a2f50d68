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
import { Difficulty } from '@cchc/shared';
import { validationFailed } from '@api/common/errors';
import { IsId, Nullable } from '@api/common/validation';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class BlueprintLineRequest {
  @ApiProperty() @IsId() topicId: string;
  @ApiProperty({ enum: Difficulty }) @IsEnum(Difficulty) difficulty: Difficulty;
  @ApiProperty() @IsInt() @Min(0) @Max(200) count: number;
}

export class BlueprintCheckRequest {
  @ApiProperty({ type: [BlueprintLineRequest] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => BlueprintLineRequest)
  blueprint: BlueprintLineRequest[];
}

export class AudienceRequest {
  @ApiPropertyOptional() @Nullable() @IsOptional() @IsId() unitId?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsArray() @IsIn(['can_bo', 'cong_chuc', 'vien_chuc', 'nguoi_lao_dong'], { each: true }) categories?: string[];
  @ApiPropertyOptional() @Nullable() @IsOptional() @IsBoolean() doesCchcWork?: boolean | null;
  @ApiPropertyOptional() @Nullable() @IsOptional() @IsBoolean() isLeader?: boolean | null;
}

export class BandRequest {
  @ApiProperty() @Transform(trim) @IsString() @MinLength(1) @MaxLength(30) label: string;
  @ApiProperty() @IsNumber() @Min(0) @Max(10) min: number;
}

export class CommendationRuleRequest {
  @ApiProperty() @IsNumber() @Min(0) @Max(10) minScore: number;
  @ApiProperty() @IsInt() @Min(1) @Max(100) topPerUnit: number;
}

/** Auto-assign remedial learning (with a due date and one re-test) to those under the recommendation threshold. */
export class RemedialRuleRequest {
  @ApiProperty() @IsBoolean() auto: boolean;
  @ApiProperty() @IsInt() @Min(1) @Max(180) dueDays: number;
}

export class TestRoundRequest extends BlueprintCheckRequest {
  @ApiProperty() @Transform(trim) @IsString() @MinLength(3) @MaxLength(200) name: string;
  @ApiProperty() @IsDateString() opensAt: string;
  @ApiProperty() @IsDateString() closesAt: string;
  @ApiPropertyOptional({ type: AudienceRequest }) @IsOptional() @ValidateNested() @Type(() => AudienceRequest) audience?: AudienceRequest;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(600) timeLimitMinutes?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(20) attemptsAllowed?: number;
  @ApiPropertyOptional() @IsOptional() @IsIn(['highest', 'last']) counting?: 'highest' | 'last';
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(10) passMark?: number;
  @ApiPropertyOptional({ type: [BandRequest] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => BandRequest)
  bands?: BandRequest[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() shuffleQuestions?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() shuffleOptions?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsIn(['score', 'topics', 'full']) reviewMode?: 'score' | 'topics' | 'full';
  @ApiPropertyOptional() @Nullable() @IsOptional() @IsIn(['quarterly', 'half_yearly', 'yearly', null]) recurrence?: 'quarterly' | 'half_yearly' | 'yearly' | null;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(10) recommendBelow?: number;
  @ApiPropertyOptional({ type: CommendationRuleRequest }) @IsOptional() @ValidateNested() @Type(() => CommendationRuleRequest) commendation?: CommendationRuleRequest;
  @ApiPropertyOptional({ type: RemedialRuleRequest }) @IsOptional() @ValidateNested() @Type(() => RemedialRuleRequest) remedial?: RemedialRuleRequest;
}

const OPTION_ID = /^[A-Za-z0-9_-]{1,20}$/;

/**
 * The save endpoint's body, checked by hand: it is the hot path of a province sitting a test at once, and the same
 * rules as SaveAnswerRequest cost a fraction of class-transformer + class-validator. Same error shape as the pipe.
 */
export function parseSaveAnswer(body: unknown): { choice: string[]; seq: number } {
  const problems: { field: string; problems: string[] }[] = [];
  const b = (body ?? {}) as Record<string, unknown>;
  const choice = b.choice;
  if (!Array.isArray(choice)) problems.push({ field: 'choice', problems: ['phải là danh sách'] });
  else if (choice.length > 10) problems.push({ field: 'choice', problems: ['có quá nhiều phần tử'] });
  else if (!choice.every((c) => typeof c === 'string' && OPTION_ID.test(c))) problems.push({ field: 'choice', problems: ['sai định dạng'] });
  const seq = b.seq;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) problems.push({ field: 'seq', problems: ['phải là số nguyên dương'] });
  for (const key of Object.keys(b)) if (key !== 'choice' && key !== 'seq') problems.push({ field: key, problems: ['không được phép gửi'] });
  if (problems.length || typeof b !== 'object' || Array.isArray(body)) {
    const text = problems.map((f) => `${f.field}: ${f.problems.join(', ')}`).join('; ');
    throw validationFailed(text || 'nội dung phải là một đối tượng', problems);
  }
  return { choice: choice as string[], seq: seq as number };
}

/** The documented shape of a save (see parseSaveAnswer). */
export class SaveAnswerRequest {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Matches(/^[A-Za-z0-9_-]{1,20}$/, { each: true })
  choice: string[];
  /** Increases with every save the client makes for this attempt (a client clock in ms works). */
  @ApiProperty() @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER) seq: number;
}

export class ResultsQuery {
  @ApiPropertyOptional() @IsOptional() @IsId() unitId?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(({ value }) => value === 'true' || value === true) @IsBoolean() lowOnly?: boolean;
}
