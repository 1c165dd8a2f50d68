import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { LOW_SCORER_SORTS, type LowScorerSort, type NotTakenSort, type NotTakenStatus } from '@cchc/shared';
import { PagingQuery } from '@api/common/dto';
import { IsId } from '@api/common/validation';

export class NotTakenQuery extends PagingQuery {
  @ApiPropertyOptional({ description: 'A unit in the caller\'s scope: that unit and everything below it' }) @IsOptional() @IsId() unitId?: string;
  @ApiPropertyOptional({ enum: ['not_started', 'in_progress'] }) @IsOptional() @IsIn(['not_started', 'in_progress']) status?: NotTakenStatus;
  @ApiPropertyOptional({ description: 'Name or staff code, with or without diacritics' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ enum: ['fullName', 'unit', 'status'] }) @IsOptional() @IsIn(['fullName', 'unit', 'status']) sort?: NotTakenSort;
}

export class LowScorersQuery extends PagingQuery {
  @ApiPropertyOptional({ description: 'A unit in the caller\'s scope: that unit and everything below it' }) @IsOptional() @IsId() unitId?: string;
  @ApiPropertyOptional({ description: 'Name or staff code, with or without diacritics' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ enum: LOW_SCORER_SORTS, default: 'score' })
  @IsOptional()
  @IsIn([...LOW_SCORER_SORTS], { message: `Thứ tự sắp xếp phải là một trong: ${LOW_SCORER_SORTS.join(', ')}.` })
  sort?: LowScorerSort;
}
