import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { IsId } from '@api/common/validation';
import type { HandoutFormat } from '@cchc/shared';

export class BulkAccountsRequest {
  @ApiProperty({ description: 'The unit whose people (with everything below it) get accounts' }) @IsId() unitId: string;
}

export class HandoutDownloadRequest {
  @ApiProperty({ description: 'The key returned when the handout was made' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'Mã mở phiếu không hợp lệ.' })
  key: string;
}

export class HandoutParams {
  @ApiProperty() @IsId() id: string;
  @ApiProperty({ enum: ['pdf', 'xlsx'] }) @IsIn(['pdf', 'xlsx'], { message: 'Định dạng phiếu phải là pdf hoặc xlsx.' }) format: HandoutFormat;
}
