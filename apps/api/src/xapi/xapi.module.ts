import { DynamicModule, Global, Module } from '@nestjs/common';
import { AuditModule } from '@api/audit';
import { ForwardingController } from './forwarding.controller';
import { FORWARDING_DATABASE_URL, ForwardingJobs } from './forwarding.jobs';
import { ForwardingRepository } from './forwarding.repository';
import { ForwardingService } from './forwarding.service';
import { LrsClientCache, LrsClientGuard } from './lrs-client.guard';
import { LrsClientsController } from './lrs-clients.controller';
import { LrsClientsService } from './lrs-clients.service';
import { XapiController } from './xapi.controller';
import { XapiRepository } from './xapi.repository';
import { XapiService } from './xapi.service';

/** Global like evidence: learning, assessment and in-person training write their xAPI statements through XapiService. */
@Global()
@Module({})
export class XapiModule {
  /** The database URL is for pg-boss, which runs the forwarding to external LRSs. */
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: XapiModule,
      imports: [AuditModule],
      controllers: [XapiController, LrsClientsController, ForwardingController],
      providers: [
        { provide: FORWARDING_DATABASE_URL, useValue: databaseUrl },
        XapiRepository,
        XapiService,
        LrsClientsService,
        LrsClientGuard,
        LrsClientCache,
        ForwardingRepository,
        ForwardingService,
        ForwardingJobs,
      ],
      exports: [XapiService, ForwardingService],
    };
  }
}
