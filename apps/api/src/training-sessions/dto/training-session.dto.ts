import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsId } from '@api/common/validation';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateTrainingSessionRequest {
  @ApiProperty() @Transform(trim) @IsString() @MinLength(5) @MaxLength(300) title: string;
  @ApiProperty() @IsId() topicId: string;
  @ApiProperty({ example: '2026-10-15' }) @IsDateString() startsOn: string;
  @ApiProperty({ example: '2026-10-16' }) @IsDateString() endsOn: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(300) place?: string;
  @ApiProperty() @IsId() organisingUnitId: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(500) @IsId({ each: true }) forUnitIds?: string[];
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(200) trainer?: string;
  @ApiProperty() @IsNumber() @Min(0) @Max(1000) hours: number;
}

export class AddAttendanceRequest {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(2000) @IsId({ each: true }) personIds: string[];
}

export class CheckInRequest {
  @ApiProperty() @IsString() @MinLength(10) @MaxLength(500) token: string;
}

export class SessionListQuery {
  @ApiPropertyOptional() @IsOptional() @IsId() unitId?: string;
}
