import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsNumber, IsObject, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
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
}
