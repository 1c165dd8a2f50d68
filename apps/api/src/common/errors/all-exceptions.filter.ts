import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { QueryFailedError, UpdateValuesMissingError } from 'typeorm';
import type { ApiErrorBody } from '@cchc/shared';
import { AppException, RetryLaterException } from './app.exception';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-unavailable';

const STATUS_MESSAGES: Record<number, { code: string; message: string }> = {
  400: { code: 'BAD_REQUEST', message: 'Yêu cầu không hợp lệ.' },
  401: { code: 'UNAUTHENTICATED', message: 'Bạn cần đăng nhập để tiếp tục.' },
  403: { code: 'FORBIDDEN', message: 'Bạn không có quyền thực hiện thao tác này.' },
  404: { code: 'NOT_FOUND', message: 'Không tìm thấy địa chỉ yêu cầu.' },
  405: { code: 'METHOD_NOT_ALLOWED', message: 'Phương thức không được hỗ trợ.' },
  406: { code: 'NOT_ACCEPTABLE', message: 'Định dạng yêu cầu không được hỗ trợ.' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: 'Dữ liệu gửi lên quá lớn.' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Kiểu dữ liệu gửi lên không được hỗ trợ.' },
  429: { code: 'TOO_MANY_REQUESTS', message: 'Bạn thao tác quá nhanh, vui lòng thử lại sau.' },
};

/**
 * The one place errors become HTTP answers: user mistakes get a 4xx with a clear message, bugs a bare 500, and an
 * unreachable database a 503 with `Retry-After` (logged once per outage, not once per request).
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');
  private databaseOutage: { since: number; refused: number; loggedAt: number; lastAt: number } | null = null;

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (isDatabaseUnavailable(exception)) return this.databaseUnavailable(reply, exception as Error);
    const body = this.toBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (exception instanceof RetryLaterException) void reply.header('retry-after', String(exception.retryAfterSeconds));
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private databaseUnavailable(reply: FastifyReply, error: Error): void {
    const now = Date.now();
    // Ten quiet seconds end an outage as far as the log goes: the next failure starts (and logs) a new one.
    if (this.databaseOutage && now - this.databaseOutage.lastAt > 10_000) this.databaseOutage = null;
    if (!this.databaseOutage) {
      this.databaseOutage = { since: now, refused: 0, loggedAt: now, lastAt: now };
      this.logger.error(`database unreachable (${error.message}); answering 503 until it is back`);
    }
    this.databaseOutage.refused++;
    this.databaseOutage.lastAt = now;
    if (now - this.databaseOutage.loggedAt > 30_000) {
      this.logger.error(`database still unreachable after ${Math.round((now - this.databaseOutage.since) / 1000)} s (${this.databaseOutage.refused} requests answered 503)`);
      this.databaseOutage.loggedAt = now;
    }
    const body: ApiErrorBody = {
      statusCode: 503,
      code: 'SERVICE_UNAVAILABLE',
      message: 'Hệ thống đang tạm gián đoạn kết nối cơ sở dữ liệu và sẽ tự phục hồi. Vui lòng thử lại sau ít giây.',
      details: { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
    };
    void reply.status(503).header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS)).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private toBody(e: unknown): ApiErrorBody {
    if (e instanceof AppException) return { statusCode: e.status, code: e.code, message: e.message, details: e.details };
    if (e instanceof HttpException) {
      const status = e.getStatus();
      if (status === 400 && /JSON/i.test(e.message)) {
        return { statusCode: 400, code: 'MALFORMED_JSON', message: 'Dữ liệu JSON gửi lên bị lỗi cú pháp.' };
      }
      const response = e.getResponse() as { code?: string; message?: unknown; details?: unknown } | string;
      if (typeof response === 'object' && response.code) {
        return { statusCode: status, code: response.code, message: String(response.message), details: response.details };
      }
      return { statusCode: status, ...(STATUS_MESSAGES[status] ?? { code: 'ERROR', message: e.message }) };
    }
    if (e instanceof QueryFailedError) {
      const mapped = databaseError(e as QueryFailedError & PgError);
      if (mapped) return mapped;
    }
    if (e instanceof UpdateValuesMissingError) {
      return { statusCode: 400, code: 'NOTHING_TO_UPDATE', message: 'Không có thông tin nào để cập nhật.' };
    }
    // Fastify's own errors (malformed JSON, body too large, bad content type) carry a 4xx statusCode.
    const status = (e as { statusCode?: number })?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const known = STATUS_MESSAGES[status] ?? STATUS_MESSAGES[400];
      const fstCode = (e as { code?: string }).code;
      if (fstCode === 'FST_ERR_CTP_INVALID_JSON_BODY' || (e as Error).name === 'SyntaxError')
        return { statusCode: 400, code: 'MALFORMED_JSON', message: 'Dữ liệu JSON gửi lên bị lỗi cú pháp.' };
      return { statusCode: status, ...known };
    }
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'INTERNAL', message: 'Đã có lỗi hệ thống. Vui lòng thử lại sau.' };
  }
}

interface PgError {
  code?: string;
  column?: string;
  constraint?: string;
  detail?: string;
  table?: string;
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The column(s) a PostgreSQL error names, as the API's field names: `Key (staff_code, unit_id)=…` → staffCode, unitId. */
function fieldsOf(e: PgError): string {
  if (e.column) return camel(e.column);
  const key = /Key \(([^)]+)\)/.exec(e.detail ?? '')?.[1];
  if (key) return key.split(',').map((c) => camel(c.trim().replace(/^lower\(|\)$/g, ''))).join(', ');
  return e.constraint ?? 'dữ liệu';
}

/**
 * A database constraint a request slipped past: a clear 4xx naming the field, never a 500. The services check
 * these first; this is the net under them (and the transaction has already rolled back).
 */
function databaseError(e: PgError): ApiErrorBody | null {
  const details = [{ field: fieldsOf(e), constraint: e.constraint }];
  switch (e.code) {
    case '23505':
      return { statusCode: 409, code: 'DUPLICATE', message: `Dữ liệu bị trùng với bản ghi đã có (${fieldsOf(e)}).`, details };
    case '23503':
      return /is still referenced/.test(e.detail ?? '')
        ? { statusCode: 409, code: 'REFERENCED', message: `Dữ liệu đang được tham chiếu nên không thể xóa hoặc sửa (${fieldsOf(e)}).`, details }
        : { statusCode: 400, code: 'REFERENCE_NOT_FOUND', message: `Không tìm thấy dữ liệu được tham chiếu (${fieldsOf(e)}).`, details };
    case '23502':
      return { statusCode: 400, code: 'VALIDATION_FAILED', message: `Dữ liệu không hợp lệ — ${fieldsOf(e)}: là bắt buộc.`, details };
    case '23514':
    case '23P01':
      return { statusCode: 400, code: 'VALIDATION_FAILED', message: `Dữ liệu không hợp lệ — vi phạm ràng buộc ${e.constraint ?? ''}.`.replace(' .', '.'), details };
    case '22001':
      return { statusCode: 400, code: 'VALIDATION_FAILED', message: `Dữ liệu không hợp lệ — ${fieldsOf(e)}: quá dài.`, details };
    case '22003':
      return { statusCode: 400, code: 'VALIDATION_FAILED', message: 'Dữ liệu không hợp lệ — có số vượt quá giới hạn cho phép.', details };
    // 22021: text PostgreSQL cannot store, e.g. a NUL character (\u0000) sent in a JSON string or a query.
    case '22P02':
    case '22007':
    case '22008':
    case '22021':
    case '22023':
    case '2201B':
      return { statusCode: 400, code: 'INVALID_VALUE', message: 'Giá trị không hợp lệ.' };
    case '40001':
    case '40P01':
      return { statusCode: 409, code: 'CONCURRENT_CHANGE', message: 'Dữ liệu vừa được thay đổi đồng thời. Vui lòng thử lại.' };
    default:
      return null;
  }
}
