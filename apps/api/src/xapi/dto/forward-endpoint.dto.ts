import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsId, Nullable } from '@api/common/validation';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value);
const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
const VERSIONS = ['1.0.3', '2.0.0'] as const;

export class CreateForwardEndpointRequest {
  @ApiProperty({ example: 'Nền tảng bồi dưỡng trực tuyến Bộ Nội vụ' })
  @Transform(trim) @IsString() @MinLength(2) @MaxLength(120) name: string;

  @ApiProperty({ example: 'https://bonoivu.cls.vn/xapi/' })
  @Transform(trim) @IsUrl(URL_OPTIONS) @MaxLength(2000) url: string;

  @ApiProperty({ description: 'HTTP Basic username (key) at the other LRS' })
  @IsString() @MinLength(1) @MaxLength(500) key: string;

  @ApiProperty({ description: 'HTTP Basic password (secret) at the other LRS; never shown again' })
  @IsString() @MinLength(1) @MaxLength(500) secret: string;

  @ApiPropertyOptional({ enum: VERSIONS, default: '1.0.3' })
  @IsOptional() @IsIn(VERSIONS) xapiVersion?: (typeof VERSIONS)[number];

  @ApiPropertyOptional({ type: [String], description: 'Only statements with these verbs; empty: all' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ArrayUnique() @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { each: true })
  verbs?: string[];

  @ApiPropertyOptional({ description: 'Only statements about people of this unit subtree', nullable: true })
  @IsOptional() @Nullable() @IsId() unitId?: string | null;
}

export class UpdateForwardEndpointRequest {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(2) @MaxLength(120) name?: string;

  @ApiPropertyOptional()
  @IsOptional() @Transform(trim) @IsUrl(URL_OPTIONS) @MaxLength(2000) url?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(500) key?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(500) secret?: string;

  @ApiPropertyOptional({ enum: VERSIONS }) @IsOptional() @IsIn(VERSIONS) xapiVersion?: (typeof VERSIONS)[number];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ArrayUnique() @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { each: true })
  verbs?: string[];

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @Nullable() @IsId() unitId?: string | null;

  @ApiPropertyOptional({ description: 'false pauses forwarding (the place in the log is kept)' }) @IsOptional() @IsBoolean() active?: boolean;
}

export class DeadLettersQuery {
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100_000) page = 1;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) pageSize = 50;
}

export class RetryDeadLettersRequest {
  @ApiPropertyOptional({ type: [String], description: 'Statement ids to send again; omitted or empty: every dead letter' })
  @IsOptional() @IsArray() @ArrayMaxSize(1000) @IsId({ each: true }) statementIds?: string[];
}
