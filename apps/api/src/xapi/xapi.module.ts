import { Global, Module } from '@nestjs/common';
import { AuditModule } from '@api/audit';
import { LrsClientCache, LrsClientGuard } from './lrs-client.guard';
import { LrsClientsController } from './lrs-clients.controller';
import { LrsClientsService } from './lrs-clients.service';
import { XapiController } from './xapi.controller';
import { XapiRepository } from './xapi.repository';
import { XapiService } from './xapi.service';

/** Global like evidence: learning, assessment and in-person training write their xAPI statements through XapiService. */
@Global()
@Module({
  imports: [AuditModule],
  controllers: [XapiController, LrsClientsController],
  providers: [XapiRepository, XapiService, LrsClientsService, LrsClientGuard, LrsClientCache],
  exports: [XapiService],
})
export class XapiModule {}
