import { Module } from '@nestjs/common';
import { OrgUnitsModule } from '@api/org-units';
import { UsersModule } from '@api/users';
import { AccountsController } from './accounts.controller';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';

@Module({
  imports: [OrgUnitsModule, UsersModule],
  controllers: [AccountsController],
  providers: [AccountsRepository, AccountsService],
  exports: [AccountsService],
})
export class AccountsModule {}
