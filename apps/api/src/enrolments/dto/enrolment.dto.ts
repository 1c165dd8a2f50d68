import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { LEARNING_STATUSES, LearningStatus, PERSON_CATEGORIES, PersonCategory } from '@cchc/shared';
import { PagingQuery } from '@api/common/dto';
import { IsId, Nullable } from '@api/common/validation';

export class ProgressRequest {
  @ApiPropertyOptional({ description: 'Mark the lesson completed (a completed lesson stays completed).' }) @IsOptional() @IsBoolean() completed?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(86_400) positionSeconds?: number;
}

export class CreateAssignmentRequest {
  @ApiProperty() @IsId() courseId: string;
  @ApiProperty() @IsId() unitId: string;
  @ApiPropertyOptional({ enum: PersonCategory, isArray: true }) @IsOptional() @IsArray() @IsIn(PERSON_CATEGORIES, { each: true }) categories?: PersonCategory[];
  @ApiPropertyOptional({ nullable: true }) @Nullable() @IsOptional() @IsBoolean() doesCchcWork?: boolean | null;
  @ApiPropertyOptional({ nullable: true }) @Nullable() @IsOptional() @IsBoolean() isLeader?: boolean | null;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(2000) @IsId({ each: true }) personIds?: string[];
  @ApiProperty({ example: '2026-12-31' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueDate phải có dạng YYYY-MM-DD' }) dueDate: string;
  @ApiPropertyOptional() @IsOptional() @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)) @IsString() @MaxLength(1000) note?: string;
}

export class AssignmentMembersQuery extends PagingQuery {
  @ApiPropertyOptional({ enum: LEARNING_STATUSES }) @IsOptional() @IsEnum(LearningStatus) status?: LearningStatus;
}

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : value);

/** The signer and issuer printed on the province's course certificates. */
export class CertificateSettingsRequest {
  @ApiProperty({ example: 'UBND tỉnh Khánh Hòa' }) @Transform(trimmed) @IsString() @MaxLength(120) issuerParent: string;
  @ApiProperty({ example: 'Sở Nội vụ' }) @Transform(trimmed) @IsString() @Matches(/\S/, { message: 'Cần ghi tên cơ quan cấp giấy chứng nhận.' }) @MaxLength(120) issuerName: string;
  @ApiProperty({ example: 'Khánh Hòa' }) @Transform(trimmed) @IsString() @Matches(/\S/, { message: 'Cần ghi địa danh.' }) @MaxLength(60) place: string;
  @ApiProperty({ example: 'GIÁM ĐỐC' }) @Transform(trimmed) @IsString() @Matches(/\S/, { message: 'Cần ghi chức vụ người ký.' }) @MaxLength(80) signerTitle: string;
  @ApiPropertyOptional({ example: 'KT. GIÁM ĐỐC' }) @IsOptional() @Transform(trimmed) @IsString() @MaxLength(80) signerAuthority?: string;
  @ApiProperty() @Transform(trimmed) @IsString() @Matches(/\S/, { message: 'Cần ghi họ và tên người ký.' }) @MaxLength(80) signerName: string;
  @ApiPropertyOptional({ example: 'GCN-SNV' }) @IsOptional() @Transform(trimmed) @IsString() @Matches(/^[A-ZĐ0-9.-]{0,20}$/, { message: 'Ký hiệu chỉ gồm chữ in hoa, số, dấu chấm và gạch ngang.' }) numberSuffix?: string;
}
