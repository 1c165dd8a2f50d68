import { Module } from '@nestjs/common';
import { AuthoringController, LessonFilesController } from './courses.controller';
import { CoursesRepository } from './courses.repository';
import { CoursesService } from './courses.service';
import { LessonFiles } from './lesson-files';

@Module({
  controllers: [AuthoringController, LessonFilesController],
  providers: [CoursesRepository, CoursesService, LessonFiles],
  exports: [CoursesRepository, CoursesService, LessonFiles],
})
export class CoursesModule {}
