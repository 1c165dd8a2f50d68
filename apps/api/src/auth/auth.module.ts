import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { UsersModule } from '@api/users';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtSecret } from './jwt-secret';
import { LoginGuard } from './login.guard';
import { JwtStrategy, LocalStrategy } from './strategies';

@Module({
  imports: [PassportModule, JwtModule.register({}), UsersModule],
  controllers: [AuthController],
  providers: [AuthService, JwtSecret, LocalStrategy, JwtStrategy, LoginGuard],
})
export class AuthModule {}
