import { Module } from '@nestjs/common';
import { OrgUnitsModule } from '@api/org-units';
import { AccountsModule } from '@api/accounts';
import { PeopleImportService } from './import/people-import.service';
import { PeopleController } from './people.controller';
import { PeopleRepository } from './people.repository';
import { PeopleService } from './people.service';

@Module({
  imports: [OrgUnitsModule, AccountsModule],
  controllers: [PeopleController],
  providers: [PeopleRepository, PeopleService, PeopleImportService],
  exports: [PeopleRepository],
})
export class PeopleModule {}
