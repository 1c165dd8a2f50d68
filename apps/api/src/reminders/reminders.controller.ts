import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission } from '@cchc/shared';
import { RequirePermission } from '@api/common/auth';
import { RemindersService } from './reminders.service';

@ApiTags('reminders')
@ApiBearerAuth()
@Controller('reminders')
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  /** The coordinator's "send reminders now"; the daily job does the same, and neither notifies anyone twice. */
  @Post('run')
  @HttpCode(200)
  @RequirePermission(Permission.TargetsManage)
  run() {
    return this.reminders.run();
  }
}
