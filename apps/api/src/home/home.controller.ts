import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { HomeDto } from '@cchc/shared';
import { Authenticated, CurrentUser } from '@api/common/auth';
import type { AuthUser } from '@api/common/auth';
import { HomeService } from './home.service';

@ApiTags('home')
@ApiBearerAuth()
@Controller('home')
export class HomeController {
  constructor(private readonly home: HomeService) {}

  /** What is due for the caller (as a learner) and, for officers and coordinators, in the part of the tree they answer for. */
  @Get()
  @Authenticated()
  get(@CurrentUser() user: AuthUser): Promise<HomeDto> {
    return this.home.home(user);
  }
}
