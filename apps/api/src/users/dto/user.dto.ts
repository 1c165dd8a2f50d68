import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Role, UserDto } from '@cchc/shared';
import { PagingQuery } from '@api/common/dto';
import type { UserWithUnit } from '../users.repository';
import { IsId } from '@api/common/validation';

export class UserListQuery extends PagingQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) q?: string;
}

export class CreateUserRequest {
  @ApiProperty({ example: 'nguyenvana' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{2,59}$/)
  username: string;
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(120) displayName: string;
  @ApiProperty({ enum: Role }) @IsEnum(Role) role: Role;
  @ApiPropertyOptional() @IsOptional() @IsId() unitId?: string;
  @ApiPropertyOptional() @IsOptional() @IsId() personId?: string;
  @ApiProperty() @IsString() @MaxLength(128) password: string;
}

export class ResetPasswordRequest {
  @ApiProperty() @IsString() @MaxLength(128) newPassword: string;
}

export class SetDisabledRequest {
  @ApiProperty() @IsBoolean() disabled: boolean;
}

export function mapUser(u: UserWithUnit): UserDto {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    unitId: u.unitId,
    unitName: u.unitName,
    personId: u.personId,
    lockedUntil: u.lockedUntil?.toISOString() ?? null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    disabled: u.disabled,
  };
}
