import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsId, Nullable } from '@api/common/validation';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class SurveyQuestionRequest {
  @ApiProperty() @Matches(/^[a-z0-9_-]{1,30}$/i) id: string;
  @ApiProperty({ enum: ['rating', 'choice', 'text'] }) @IsIn(['rating', 'choice', 'text']) type: 'rating' | 'choice' | 'text';
  @ApiProperty() @Transform(trim) @IsString() @MinLength(3) @MaxLength(500) text: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(200, { each: true }) options?: string[];
  @ApiPropertyOptional() @Nullable() @IsOptional() @IsId() topicId?: string | null;
}

export class CreateSurveyRequest {
  @ApiProperty({ enum: ['needs', 'evaluation'] }) @IsIn(['needs', 'evaluation']) kind: 'needs' | 'evaluation';
  @ApiProperty() @Transform(trim) @IsString() @MinLength(5) @MaxLength(300) title: string;
  @ApiProperty({ type: [SurveyQuestionRequest] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => SurveyQuestionRequest) questions: SurveyQuestionRequest[];
  @ApiPropertyOptional() @IsOptional() @IsId() topicId?: string;
  @ApiPropertyOptional({ description: 'post-training evaluation: the session whose attendees answer' }) @IsOptional() @IsId() sessionId?: string;
  @ApiPropertyOptional({ description: 'the unit subtree that answers; default everyone' }) @IsOptional() @IsId() audienceUnitId?: string;
  @ApiProperty() @IsDateString() opensAt: string;
  @ApiProperty() @IsDateString() closesAt: string;
}

export class SurveyResultsQuery {
  @ApiPropertyOptional() @IsOptional() @IsId() unitId?: string;
}
