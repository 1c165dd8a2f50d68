import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginRequest {
  @ApiProperty({ example: 'dieuphoi' }) @IsString() @MinLength(1) @MaxLength(60) username: string;
  @ApiProperty({ example: 'Demo@2025' }) @IsString() @MinLength(1) @MaxLength(128) password: string;
}

export class RefreshRequest {
  @ApiProperty() @IsString() @MinLength(20) @MaxLength(200) refreshToken: string;
}

export class ChangePasswordRequest {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(128) currentPassword: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(128) newPassword: string;
}
