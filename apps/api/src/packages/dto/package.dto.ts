import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { Cmi5WaiveReason } from '../package.entity';
import type { PackageCommitRequestDto } from '@cchc/shared';

export class PackageCommitRequest implements PackageCommitRequestDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(255) itemId: string;
  @ApiProperty() @IsInt() @Min(1) @Max(10_000) attempt: number;
  @ApiProperty() @IsInt() @Min(1) @Max(2_000_000_000) seq: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The runtime's CMI data model (scorm-again renderCMIToJSONObject)." })
  @IsObject()
  cmi: Record<string, unknown>;
  @ApiProperty() @IsBoolean() terminated: boolean;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(864_000) elapsedSeconds?: number;
}

export class Cmi5LaunchRequest {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2000) itemId: string;
  /** cmi5 launch mode: Normal (default), Review (after the AU is completed/passed), Browse (when the course allows). */
  @ApiPropertyOptional({ enum: ['Normal', 'Browse', 'Review'] }) @IsOptional() @IsIn(['Normal', 'Browse', 'Review']) mode?: 'Normal' | 'Browse' | 'Review';
}

export class PackageLaunchQuery {
  /** "new": start a new attempt (allowed after a finished one; otherwise the current attempt resumes). */
  @ApiPropertyOptional({ enum: ['new'] }) @IsOptional() @IsIn(['new']) attempt?: 'new';
}

export class Cmi5WaiveRequest {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2000) itemId: string;
  @ApiProperty({ enum: ['Tested Out', 'Equivalent AU', 'Equivalent Outside Activity', 'Administrative'] })
  @IsIn(['Tested Out', 'Equivalent AU', 'Equivalent Outside Activity', 'Administrative'])
  reason: Cmi5WaiveReason;
  /** Why, in the officer's words (kept in the audit log and the statement). */
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}
