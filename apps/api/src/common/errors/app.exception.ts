import { HttpStatus } from '@nestjs/common';

/**
 * An error a user can cause, with a stable code and a Vietnamese message. Each domain declares its codes in
 * `<domain>.exception.ts`; AllExceptionsFilter turns them into the ApiErrorBody the client reads.
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

export const notFound = (code: string, message: string) => new AppException(HttpStatus.NOT_FOUND, code, message);
export const badRequest = (code: string, message: string, details?: unknown) =>
  new AppException(HttpStatus.BAD_REQUEST, code, message, details);
export const conflict = (code: string, message: string, details?: unknown) =>
  new AppException(HttpStatus.CONFLICT, code, message, details);
export const forbidden = (message = 'Bạn không có quyền thực hiện thao tác này.') =>
  new AppException(HttpStatus.FORBIDDEN, 'FORBIDDEN', message);

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
