import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { LOW_SCORER_SORTS, type LowScorerSort } from '@cchc/shared';
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

/** The low-scorer and commendation lists: a page (or the whole list for the .xlsx), in the chosen order. */
export class ScoreListQuery extends MissingQuery {
  @ApiPropertyOptional({ enum: LOW_SCORER_SORTS, default: 'score' })
  @IsOptional()
  @IsIn([...LOW_SCORER_SORTS], { message: `Thứ tự sắp xếp phải là một trong: ${LOW_SCORER_SORTS.join(', ')}.` })
  sort?: LowScorerSort;
}
