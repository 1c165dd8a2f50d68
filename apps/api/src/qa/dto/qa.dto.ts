import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { FaqEntryDto, QaQuestionDto, QaStatus } from '@cchc/shared';
import { IsId, SearchQuery } from '@api/common/validation';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value);

export class AskQuestionRequest {
  @ApiProperty({ example: 'Thủ tục hành chính nào phải tiếp nhận qua bộ phận một cửa?' })
  @Transform(trim) @IsString() @MinLength(5) @MaxLength(300) title: string;
  @ApiProperty() @Transform(trim) @IsString() @MinLength(5) @MaxLength(5000) body: string;
  @ApiPropertyOptional() @IsOptional() @IsId() topicId?: string;
}

export class AnswerQuestionRequest {
  @ApiProperty() @Transform(trim) @IsString() @MinLength(5) @MaxLength(20000) answer: string;
}

/** Publishing may tidy the question for everyone (e.g. remove the asker's personal details). */
export class PublishQuestionRequest {
  @ApiProperty() @IsBoolean() published: boolean;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(5) @MaxLength(300) title?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(5) @MaxLength(5000) body?: string;
}

export class QaPagingQuery {
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10000) page = 1;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize = 20;
}

export class InboxQuery extends QaPagingQuery {
  @ApiPropertyOptional({ enum: QaStatus }) @IsOptional() @IsEnum(QaStatus) status?: QaStatus;
  @ApiPropertyOptional() @IsOptional() @IsId() topicId?: string;
  @SearchQuery() q?: string;
}

export class FaqQuery extends QaPagingQuery {
  @ApiPropertyOptional() @IsOptional() @IsId() topicId?: string;
  @SearchQuery() q?: string;
}

export interface QuestionRow {
  id: string;
  askerId: string | null;
  askerName: string | null;
  askerUnitName: string | null;
  topicId: string | null;
  topicCode: string | null;
  topicName: string | null;
  title: string;
  body: string;
  status: QaStatus;
  answer: string | null;
  answeredByName: string | null;
  answeredAt: Date | null;
  published: boolean;
  publishedAt: Date | null;
  createdAt: Date;
}

const topicOf = (r: QuestionRow) => (r.topicId ? { id: r.topicId, code: r.topicCode ?? '', name: r.topicName ?? '' } : null);

/** `showAsker`: the asker's name goes to the asker and to those who answer, never to other readers of the FAQ. */
export function mapQuestion(r: QuestionRow, callerId: string, showAsker: boolean): QaQuestionDto {
  return {
    id: r.id,
    title: r.title,
    body: r.body,
    topic: topicOf(r),
    status: r.status,
    askerName: showAsker ? r.askerName : null,
    askerUnitName: showAsker ? r.askerUnitName : null,
    askedAt: r.createdAt.toISOString(),
    answer: r.answer,
    answeredByName: r.answeredByName,
    answeredAt: r.answeredAt?.toISOString() ?? null,
    published: r.published,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    mine: r.askerId === callerId,
  };
}

export function mapFaq(r: QuestionRow): FaqEntryDto {
  return { id: r.id, title: r.title, body: r.body, answer: r.answer ?? '', topic: topicOf(r), publishedAt: (r.publishedAt ?? r.createdAt).toISOString() };
}
