import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, Matches } from 'class-validator';
import type { HandoutFormat } from '@cchc/shared';

export class BulkAccountsRequest {
  @ApiProperty({ description: 'The unit whose people (with everything below it) get accounts' }) @IsUUID() unitId: string;
}

export class HandoutDownloadRequest {
  @ApiProperty({ description: 'The key returned when the handout was made' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'Mã mở phiếu không hợp lệ.' })
  key: string;
}

export class HandoutParams {
  @ApiProperty() @IsUUID('all', { message: 'Mã phiếu không hợp lệ.' }) id: string;
  @ApiProperty({ enum: ['pdf', 'xlsx'] }) @IsIn(['pdf', 'xlsx'], { message: 'Định dạng phiếu phải là pdf hoặc xlsx.' }) format: HandoutFormat;
}

export class PersonParams {
  @ApiProperty() @IsUUID('all', { message: 'Mã cán bộ không hợp lệ.' }) id: string;
}
