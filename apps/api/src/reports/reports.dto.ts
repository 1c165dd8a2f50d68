import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsId } from '@api/common/validation';

export class ReportQuery {
  @ApiPropertyOptional({ description: 'Unit whose report (unit and below); default the caller’s top unit (the province for a coordinator).' })
  @IsOptional() @IsId() unitId?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
  @ApiPropertyOptional({ description: '1-based phase of each target instead of a year' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10) phase?: number;
  @ApiPropertyOptional({ description: 'comma-separated target ids; default every active target' })
  @IsOptional() @Transform(({ value }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value)) @IsArray() @IsId({ each: true }) targetIds?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(120) signerName?: string;
}
