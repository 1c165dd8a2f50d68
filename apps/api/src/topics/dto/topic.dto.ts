import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { TopicDto, TopicKind } from '@cchc/shared';
import type { Topic } from '../topic.entity';
import { IsId } from '@api/common/validation';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class TopicListQuery {
  @ApiPropertyOptional() @IsOptional() @Transform(({ value }) => value === 'true' || value === true) @IsBoolean() includeInactive?: boolean;
}

export class CreateTopicRequest {
  @ApiProperty({ example: 'CCHC.KN.THUYETTRINH' }) @Transform(trim) @IsString() @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/) code: string;
  @ApiProperty() @Transform(trim) @IsString() @MinLength(2) @MaxLength(200) name: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(200) nameEn?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) description?: string;
  @ApiProperty({ enum: TopicKind }) @IsEnum(TopicKind) kind: TopicKind;
  @ApiPropertyOptional() @IsOptional() @IsId() parentId?: string;
}

export class UpdateTopicRequest {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(2) @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(200) nameEn?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) description?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) sortOrder?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

export function mapTopic(t: Topic): TopicDto {
  return { id: t.id, code: t.code, name: t.name, nameEn: t.nameEn, description: t.description, kind: t.kind, parentId: t.parentId, sortOrder: t.sortOrder, active: t.active, provinceId: t.provinceId };
}
