import { Body, Controller, Delete, Get, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthoringLessonDto, CourseDetailDto, CourseSummaryDto, LESSON_FILE_RULES, LessonPickDto, Page, Permission } from '@cchc/shared';
import { CurrentUser, Public, RequirePermission } from '@api/common/auth';
import type { AuthUser } from '@api/common/auth';
import { readUpload, ApiFileUpload } from '@api/common/http';
import { CoursesService, UploadedLessonFile } from './courses.service';
import {
  CreateCourseRequest,
  CreateLessonRequest,
  CreateModuleRequest,
  LessonSearchQuery,
  UpdateCourseRequest,
  UpdateLessonRequest,
  UpdateModuleRequest,
} from './dto/course.dto';
import { LessonFiles } from './lesson-files';
import { IdParam } from '@api/common/validation';
import { coursesError, CoursesErrorCode } from './courses.exception';

const MAX_LESSON_FILE = Math.max(...Object.values(LESSON_FILE_RULES).map((r) => r!.maxBytes));

const uploadedLessonFile = (req: FastifyRequest): Promise<UploadedLessonFile> =>
  readUpload(
    req,
    {
      noFile: () => coursesError(CoursesErrorCode.FileRequired, 'Vui lòng chọn tệp để tải lên.'),
      tooLarge: () => coursesError(CoursesErrorCode.LessonFileTooLarge, `Tệp quá lớn (tối đa ${MAX_LESSON_FILE / 1024 / 1024} MB).`),
    },
    { defaultName: 'tep', maxBytes: MAX_LESSON_FILE },
  );

/** Course and lesson editing for authors and coordinators. */
@ApiTags('authoring')
@ApiBearerAuth()
@Controller('authoring')
export class AuthoringController {
  constructor(private readonly courses: CoursesService) {}

  @Get('courses')
  @RequirePermission(Permission.CoursesManage)
  list(): Promise<CourseSummaryDto[]> {
    return this.courses.list();
  }

  @Post('courses')
  @RequirePermission(Permission.CoursesManage)
  create(@CurrentUser() user: AuthUser, @Body() body: CreateCourseRequest): Promise<CourseDetailDto> {
    return this.courses.create(user, body);
  }

  @Get('courses/:id')
  @RequirePermission(Permission.CoursesManage)
  detail(@IdParam('id') id: string): Promise<CourseDetailDto> {
    return this.courses.detail(id);
  }

  @Patch('courses/:id')
  @RequirePermission(Permission.CoursesManage)
  update(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Body() body: UpdateCourseRequest): Promise<CourseDetailDto> {
    return this.courses.update(user, id, body);
  }

  @Post('courses/:id/modules')
  @RequirePermission(Permission.CoursesManage)
  addModule(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Body() body: CreateModuleRequest): Promise<CourseDetailDto> {
    return this.courses.addModule(user, id, body);
  }

  @Patch('modules/:id')
  @RequirePermission(Permission.CoursesManage)
  updateModule(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Body() body: UpdateModuleRequest): Promise<CourseDetailDto> {
    return this.courses.updateModule(user, id, body);
  }

  @Delete('modules/:id')
  @RequirePermission(Permission.CoursesManage)
  deleteModule(@CurrentUser() user: AuthUser, @IdParam('id') id: string): Promise<CourseDetailDto> {
    return this.courses.deleteModule(user, id);
  }

  @Post('modules/:id/lessons')
  @RequirePermission(Permission.CoursesManage)
  addLesson(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Body() body: CreateLessonRequest): Promise<AuthoringLessonDto> {
    return this.courses.addLesson(user, id, body);
  }

  /** The lesson picker (question form): lessons of any kind with course and module, diacritics-insensitive, paged. */
  @Get('lessons')
  @RequirePermission(Permission.CoursesManage)
  searchLessons(@Query() query: LessonSearchQuery): Promise<Page<LessonPickDto>> {
    return this.courses.searchLessons(query);
  }

  @Get('lessons/:id')
  @RequirePermission(Permission.CoursesManage)
  lesson(@IdParam('id') id: string): Promise<AuthoringLessonDto> {
    return this.courses.getLesson(id);
  }

  @Patch('lessons/:id')
  @RequirePermission(Permission.CoursesManage)
  updateLesson(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Body() body: UpdateLessonRequest): Promise<AuthoringLessonDto> {
    return this.courses.updateLesson(user, id, body);
  }

  @Delete('lessons/:id')
  @RequirePermission(Permission.CoursesManage)
  deleteLesson(@CurrentUser() user: AuthUser, @IdParam('id') id: string): Promise<CourseDetailDto> {
    return this.courses.deleteLesson(user, id);
  }

  @Post('lessons/:id/file')
  @ApiFileUpload()
  @RequirePermission(Permission.CoursesManage)
  async uploadFile(@CurrentUser() user: AuthUser, @IdParam('id') id: string, @Req() req: FastifyRequest): Promise<AuthoringLessonDto> {
    return this.courses.uploadLessonFile(user, id, await uploadedLessonFile(req));
  }
}

/** A single `bytes=start-end` range (or `start-`, or `-suffix`); null when absent or not a single byte range. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'unsatisfiable' {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (size === 0 || start > end || start >= size) return 'unsatisfiable';
  return { start, end };
}

/** Lesson videos and documents, behind a signed link handed out with the lesson (see LessonFiles). */
@ApiTags('courses')
@Controller('lesson-files')
export class LessonFilesController {
  constructor(private readonly files: LessonFiles) {}

  @Get(':token')
  @Public()
  async open(@Param('token') token: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    // Phones seek in (and iOS only plays) videos through Range requests: answer one byte range with 206.
    const size = await this.files.sizeOf(token);
    const range = parseRange(req.headers.range, size);
    if (range === 'unsatisfiable') {
      await this.files.open(token); // an invalid link still answers 404, not 416
      return reply.status(416).header('content-range', `bytes */${size}`).send({ statusCode: 416, code: 'RANGE_NOT_SATISFIABLE', message: 'Khoảng dữ liệu yêu cầu không hợp lệ.' });
    }
    const file = await this.files.open(token, range ?? undefined);
    const inline = file.mime === 'application/pdf' || file.mime.startsWith('video/');
    reply
      .header('content-type', file.mime)
      .header('accept-ranges', 'bytes')
      .header('cache-control', 'private, max-age=3600')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    if (range) reply.status(206).header('content-range', `bytes ${range.start}-${range.end}/${file.size}`).header('content-length', String(range.end - range.start + 1));
    else reply.header('content-length', String(file.size));
    return reply.send(file.stream);
  }
}
