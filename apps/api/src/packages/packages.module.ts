import { Module } from '@nestjs/common';
import { CoursesModule } from '@api/courses';
import { EnrolmentsModule } from '@api/enrolments';
import { Cmi5Service } from './cmi5.service';
import { Cmi5FetchController, PackageAuthoringController, PackageRecordsController, PackageRuntimeController } from './packages.controller';
import { PackagesRepository } from './packages.repository';
import { PackagesService } from './packages.service';

@Module({
  imports: [CoursesModule, EnrolmentsModule],
  controllers: [PackageAuthoringController, PackageRuntimeController, PackageRecordsController, Cmi5FetchController],
  providers: [PackagesRepository, PackagesService, Cmi5Service],
  // The content listener (content-server.ts) serves package files through PackagesService.openContent.
  exports: [PackagesService],
})
export class PackagesModule {}
