import { Module } from '@nestjs/common';
import { CoursesModule } from '@api/courses';
import { EnrolmentsModule } from '@api/enrolments';
import { PackageAuthoringController, PackageRuntimeController } from './packages.controller';
import { PackagesRepository } from './packages.repository';
import { PackagesService } from './packages.service';

@Module({
  imports: [CoursesModule, EnrolmentsModule],
  controllers: [PackageAuthoringController, PackageRuntimeController],
  providers: [PackagesRepository, PackagesService],
  // The content listener (content-server.ts) serves package files through PackagesService.openContent.
  exports: [PackagesService],
})
export class PackagesModule {}
