import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { DocumentRefDto, DocumentStatus, DocumentType, LibraryDocumentDto, LibrarySearchItemDto } from '@cchc/shared';
import { IsId, Nullable, SearchQuery } from '@api/common/validation';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value);
/** An empty form field means "not given" (multipart sends every field as a string). */
const trimOrNull = ({ value }: { value: unknown }) => {
  const v = trim({ value });
  return v === '' ? null : v;
};

export class LibrarySearchQuery {
  @SearchQuery('Words of the title, number or text, with or without diacritics') q?: string;
  @ApiPropertyOptional() @IsOptional() @IsId() topicId?: string;
  @ApiPropertyOptional({ enum: DocumentType }) @IsOptional() @IsEnum(DocumentType) type?: DocumentType;
  @ApiPropertyOptional({ enum: DocumentStatus }) @IsOptional() @IsEnum(DocumentStatus) status?: DocumentStatus;
  @ApiPropertyOptional({ description: 'Year issued' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1945) @Max(2100) year?: number;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10000) page = 1;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50) pageSize = 20;
}

export class FileQuery {
  @ApiPropertyOptional({ description: 'Send as an attachment even for a PDF' })
  @IsOptional() @Transform(({ value }) => value === 'true' || value === '1' || value === true) @IsBoolean() download?: boolean;
}

/** The metadata sent with an upload, as multipart fields before the `file` field. */
export class CreateDocumentRequest {
  @ApiPropertyOptional({ example: '1718/QĐ-UBND' }) @Nullable() @IsOptional() @Transform(trimOrNull) @IsString() @MaxLength(100) number?: string | null;
  @ApiProperty() @Transform(trim) @IsString() @MinLength(3) @MaxLength(500) title: string;
  @ApiPropertyOptional({ example: 'UBND tỉnh Khánh Hòa' }) @Nullable() @IsOptional() @Transform(trimOrNull) @IsString() @MaxLength(300) issuer?: string | null;
  @ApiPropertyOptional({ example: '2023-07-21' }) @Nullable() @IsOptional() @Transform(trimOrNull) @IsISO8601({ strict: true }) issuedOn?: string | null;
  @ApiPropertyOptional() @Nullable() @IsOptional() @Transform(trimOrNull) @IsISO8601({ strict: true }) effectiveOn?: string | null;
  @ApiPropertyOptional() @Nullable() @IsOptional() @Transform(trimOrNull) @IsId() topicId?: string | null;
  @ApiProperty({ enum: DocumentType }) @IsEnum(DocumentType) type: DocumentType;
  @ApiPropertyOptional() @Nullable() @IsOptional() @Transform(trimOrNull) @IsString() @MaxLength(4000) summary?: string | null;
}

/** Metadata changes; `null` clears a field. Marking replaced: status "replaced" with the replacing document's id. */
export class UpdateDocumentRequest {
  @ApiPropertyOptional() @Nullable() @IsOptional() @Transform(trimOrNull) @IsString() @MaxLength(100) number?: string | null;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(3) @MaxLength(500) title?: string;
  @ApiPropertyOptional() @Nullable() @IsOptional() @Transform(trimOrNull) @IsString() @MaxLength(300) issuer?: string | null;
  @ApiPropertyOptional() @Nullable() @IsOptional() @Transform(trimOrNull) @IsISO8601({ strict: true }) issuedOn?: string | null;
  @ApiPropertyOptional() @Nullable() @IsOptional() @Transform(trimOrNull) @IsISO8601({ strict: true }) effectiveOn?: string | null;
  @ApiPropertyOptional() @Nullable() @IsOptional() @IsId() topicId?: string | null;
  @ApiPropertyOptional({ enum: DocumentType }) @IsOptional() @IsEnum(DocumentType) type?: DocumentType;
  @ApiPropertyOptional() @Nullable() @IsOptional() @Transform(trimOrNull) @IsString() @MaxLength(4000) summary?: string | null;
  @ApiPropertyOptional({ enum: DocumentStatus }) @IsOptional() @IsEnum(DocumentStatus) status?: DocumentStatus;
  @ApiPropertyOptional({ description: 'The document that replaces this one (status must be "replaced")' })
  @Nullable() @IsOptional() @IsId() replacedById?: string | null;
}

/** A document as the repository reads it, with its topic and replacing document joined. */
export interface DocumentRow {
  id: string;
  number: string | null;
  title: string;
  issuer: string | null;
  issuedOn: string | null;
  effectiveOn: string | null;
  topicId: string | null;
  topicCode: string | null;
  topicName: string | null;
  type: DocumentType;
  status: DocumentStatus;
  replacedById: string | null;
  replacedByNumber: string | null;
  replacedByTitle: string | null;
  summary: string | null;
  fileKey: string;
  fileName: string;
  format: string;
  contentType: string;
  size: number;
  textIndexed: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export function mapDocument(d: DocumentRow, replaces: DocumentRefDto[] = []): LibraryDocumentDto {
  return {
    id: d.id,
    number: d.number,
    title: d.title,
    issuer: d.issuer,
    issuedOn: d.issuedOn,
    effectiveOn: d.effectiveOn,
    topic: d.topicId ? { id: d.topicId, code: d.topicCode ?? '', name: d.topicName ?? '' } : null,
    type: d.type,
    status: d.status,
    replacedBy: d.replacedById ? { id: d.replacedById, number: d.replacedByNumber, title: d.replacedByTitle ?? '' } : null,
    replaces,
    summary: d.summary,
    fileName: d.fileName,
    format: d.format,
    contentType: d.contentType,
    size: d.size,
    textIndexed: d.textIndexed,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

export function mapSearchItem(d: DocumentRow, snippet: string | null): LibrarySearchItemDto {
  const { replaces: _replaces, ...rest } = mapDocument(d);
  return { ...rest, snippet };
}
