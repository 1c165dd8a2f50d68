import { AppException } from '../common/errors/app.exception';
import type { StatementProblem } from '@cchc/shared';

export enum XapiErrorCode {
  InvalidStatement = 'XAPI_INVALID_STATEMENT',
  InvalidRequest = 'XAPI_INVALID_REQUEST',
  VersionHeader = 'XAPI_VERSION_HEADER',
  Conflict = 'XAPI_STATEMENT_CONFLICT',
  DocumentConflict = 'XAPI_DOCUMENT_CONFLICT',
  PreconditionFailed = 'XAPI_PRECONDITION_FAILED',
  NotFound = 'XAPI_NOT_FOUND',
  Unauthenticated = 'XAPI_UNAUTHENTICATED',
  Scope = 'XAPI_SCOPE',
  ClientNotFound = 'LRS_CLIENT_NOT_FOUND',
}

/** A statement that breaks a MUST of xAPI 1.0.3: 400 naming the rule and where. */
export const invalidStatement = (p: StatementProblem) =>
  new AppException(400, XapiErrorCode.InvalidStatement, `Câu lệnh xAPI không hợp lệ — quy tắc "${p.rule}" tại ${p.path}: ${p.message}`, p);

/** Any other request the spec says to refuse with 400 (a parameter, a header, an attachment). */
export const invalidRequest = (rule: string, message: string) =>
  new AppException(400, XapiErrorCode.InvalidRequest, `Yêu cầu xAPI không hợp lệ — quy tắc "${rule}": ${message}`, { rule });

export const statementConflict = (id: string) =>
  new AppException(409, XapiErrorCode.Conflict, `Câu lệnh ${id} đã có trong LRS với nội dung khác (mã câu lệnh không đổi được).`, { rule: 'statement-id-immutable' });

export const xapiNotFound = (what: string) => new AppException(404, XapiErrorCode.NotFound, `Không tìm thấy ${what}.`);

export const lrsClientNotFound = () => new AppException(404, XapiErrorCode.ClientNotFound, 'Không tìm thấy ứng dụng kết nối LRS.');
