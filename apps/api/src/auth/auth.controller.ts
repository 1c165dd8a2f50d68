import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { MeDto, TokensDto } from '@cchc/shared';
import { AllowedBeforePasswordChange, Authenticated, CurrentUser, Public } from '@api/common/auth';
import type { AuthUser } from '@api/common/auth';
import { RateLimit } from '@api/common/rate-limit';
import type { UserAccount } from '@api/users';
import { AuthService } from './auth.service';
import { LoginGuard } from './login.guard';
import { ChangePasswordRequest, LoginRequest, RefreshRequest } from './dto/auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @RateLimit('signIn', LoginGuard)
  @ApiBody({ type: LoginRequest })
  login(@Req() req: { user: UserAccount }): Promise<TokensDto> {
    return this.auth.issueTokens(req.user);
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @RateLimit('refresh')
  refresh(@Body() body: RefreshRequest): Promise<TokensDto> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @Public()
  logout(@Body() body: RefreshRequest): Promise<void> {
    return this.auth.logout(body.refreshToken);
  }

  @Get('me')
  @ApiBearerAuth()
  @Authenticated()
  @AllowedBeforePasswordChange()
  me(@CurrentUser() user: AuthUser): Promise<MeDto> {
    return this.auth.me(user);
  }

  /** Ends every session of the account and answers new tokens, so the browser that changed it stays signed in. */
  @Post('change-password')
  @HttpCode(200)
  @ApiBearerAuth()
  @Authenticated()
  @AllowedBeforePasswordChange()
  @RateLimit('passwordChange')
  changePassword(@CurrentUser() user: AuthUser, @Body() body: ChangePasswordRequest): Promise<TokensDto> {
    return this.auth.changePassword(user, body.currentPassword, body.newPassword);
  }
}
