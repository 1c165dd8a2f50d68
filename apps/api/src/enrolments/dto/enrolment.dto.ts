import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { LEARNING_STATUSES, LearningStatus, PERSON_CATEGORIES, PersonCategory } from '@cchc/shared';
import { PagingQuery } from '@api/common/dto';
import { IsId, Nullable } from '@api/common/validation';

export class ProgressRequest {
  @ApiPropertyOptional({ description: 'Mark the lesson completed (a completed lesson stays completed).' }) @IsOptional() @IsBoolean() completed?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(86_400) positionSeconds?: number;
}

export class CreateAssignmentRequest {
  @ApiProperty() @IsId() courseId: string;
  @ApiProperty() @IsId() unitId: string;
  @ApiPropertyOptional({ enum: PersonCategory, isArray: true }) @IsOptional() @IsArray() @IsIn(PERSON_CATEGORIES, { each: true }) categories?: PersonCategory[];
  @ApiPropertyOptional({ nullable: true }) @Nullable() @IsOptional() @IsBoolean() doesCchcWork?: boolean | null;
  @ApiPropertyOptional({ nullable: true }) @Nullable() @IsOptional() @IsBoolean() isLeader?: boolean | null;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(2000) @IsId({ each: true }) personIds?: string[];
  @ApiProperty({ example: '2026-12-31' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueDate phải có dạng YYYY-MM-DD' }) dueDate: string;
  @ApiPropertyOptional() @IsOptional() @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)) @IsString() @MaxLength(1000) note?: string;
}

export class AssignmentMembersQuery extends PagingQuery {
  @ApiPropertyOptional({ enum: LEARNING_STATUSES }) @IsOptional() @IsEnum(LearningStatus) status?: LearningStatus;
}
