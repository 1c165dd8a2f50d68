import { Module } from '@nestjs/common';
import { CoursesModule } from '@api/courses';
import { AssignmentsRepository } from './assignments.repository';
import { AssignmentsService } from './assignments.service';
import { LessonCompletedHooks } from './lesson-completed.hooks';
import { CertificatesService } from './certificates.service';
import { AssignmentsController, CatalogueController, CertificateSettingsController, CertificatesController, LessonsController, MyLearningController } from './enrolments.controller';
import { EnrolmentsRepository } from './enrolments.repository';
import { EnrolmentsService } from './enrolments.service';

@Module({
  imports: [CoursesModule],
  controllers: [CatalogueController, LessonsController, MyLearningController, CertificatesController, CertificateSettingsController, AssignmentsController],
  providers: [EnrolmentsRepository, EnrolmentsService, CertificatesService, AssignmentsRepository, AssignmentsService, LessonCompletedHooks],
  // Assessment completes final-quiz courses through EnrolmentsService.recordQuizPassed.
  exports: [EnrolmentsService, LessonCompletedHooks],
})
export class EnrolmentsModule {}
