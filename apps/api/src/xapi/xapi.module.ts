import { Module } from '@nestjs/common';
import { AuditModule } from '@api/audit';
import { LrsClientGuard } from './lrs-client.guard';
import { LrsClientsController } from './lrs-clients.controller';
import { LrsClientsService } from './lrs-clients.service';
import { XapiController } from './xapi.controller';
import { XapiRepository } from './xapi.repository';
import { XapiService } from './xapi.service';

@Module({
  imports: [AuditModule],
  controllers: [XapiController, LrsClientsController],
  providers: [XapiRepository, XapiService, LrsClientsService, LrsClientGuard],
  exports: [XapiService],
})
export class XapiModule {}
