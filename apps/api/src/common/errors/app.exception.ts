import { HttpStatus } from '@nestjs/common';

/**
 * An error a user can cause, with a stable code and a Vietnamese message. AllExceptionsFilter turns it into the
 * ApiErrorBody the client reads. Do not construct it directly: each domain declares its codes and their HTTP status
 * once in `<domain>.exception.ts` with `errorFactory`, and throws through that factory.
 */
export class AppException extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/**
 * The one way to declare a domain's errors: its codes mapped to HTTP statuses in one table, and a factory that takes
 * a code and the Vietnamese message. Call sites never pick a status.
 *
 *   export enum TopicsErrorCode { NotFound = 'TOPIC_NOT_FOUND' }
 *   export const topicsError = errorFactory<TopicsErrorCode>({ [TopicsErrorCode.NotFound]: HttpStatus.NOT_FOUND });
 *   export const topicNotFound = () => topicsError(TopicsErrorCode.NotFound, 'Không tìm thấy chủ đề.');
 */
export function errorFactory<C extends string>(statusOf: Record<C, HttpStatus>) {
  return (code: C, message: string, details?: unknown): AppException => new AppException(statusOf[code], code, message, details);
}


/** A refusal the client should retry later (429, 503): the filter adds the `Retry-After` header. */
export class RetryLaterException extends AppException {
  constructor(
    status: HttpStatus,
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(status, code, message, { retryAfterSeconds });
  }
}
