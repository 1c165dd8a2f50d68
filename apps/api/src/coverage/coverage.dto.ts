import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PagingQuery } from '@api/common/dto';
import { IsId } from '@api/common/validation';

export class CoverageQuery {
  @ApiPropertyOptional() @IsOptional() @IsId() unitId?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
}

export class MissingQuery extends PagingQuery {
  @ApiPropertyOptional() @IsOptional() @IsId() unitId?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
}
