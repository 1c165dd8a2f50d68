// The public surface of courses: other domains import it from '@api/courses', never a file inside.
export * from './course.entity';
export * from './courses.exception';
export * from './courses.module';
export * from './courses.repository';
export * from './demo/demo-courses';
export * from './demo/demo-learning-seed';
export * from './dto/course.dto';
export * from './dto/course.mapper';
export * from './lesson-files';
