import { HttpStatus } from '@nestjs/common';
import { errorFactory } from '@api/common/errors';
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
  ForwardEndpointNotFound = 'LRS_FORWARD_ENDPOINT_NOT_FOUND',
  ForwardUnitNotFound = 'LRS_FORWARD_UNIT_NOT_FOUND',
}

export const xapiError = errorFactory<XapiErrorCode>({
  [XapiErrorCode.InvalidStatement]: HttpStatus.BAD_REQUEST,
  [XapiErrorCode.InvalidRequest]: HttpStatus.BAD_REQUEST,
  [XapiErrorCode.VersionHeader]: HttpStatus.BAD_REQUEST,
  [XapiErrorCode.Conflict]: HttpStatus.CONFLICT,
  [XapiErrorCode.DocumentConflict]: HttpStatus.CONFLICT,
  [XapiErrorCode.PreconditionFailed]: HttpStatus.PRECONDITION_FAILED,
  [XapiErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [XapiErrorCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [XapiErrorCode.Scope]: HttpStatus.FORBIDDEN,
  [XapiErrorCode.ClientNotFound]: HttpStatus.NOT_FOUND,
  [XapiErrorCode.ForwardEndpointNotFound]: HttpStatus.NOT_FOUND,
  [XapiErrorCode.ForwardUnitNotFound]: HttpStatus.NOT_FOUND,
});

/** A statement that breaks a MUST of xAPI 1.0.3: 400 naming the rule and where. */
export const invalidStatement = (p: StatementProblem) =>
  xapiError(XapiErrorCode.InvalidStatement, `Câu lệnh xAPI không hợp lệ — quy tắc "${p.rule}" tại ${p.path}: ${p.message}`, p);

/** Any other request the spec says to refuse with 400 (a parameter, a header, an attachment). */
export const invalidRequest = (rule: string, message: string) =>
  xapiError(XapiErrorCode.InvalidRequest, `Yêu cầu xAPI không hợp lệ — quy tắc "${rule}": ${message}`, { rule });

export const versionHeader = (rule: string, message: string) => xapiError(XapiErrorCode.VersionHeader, message, { rule });

export const statementConflict = (id: string) =>
  xapiError(XapiErrorCode.Conflict, `Câu lệnh ${id} đã có trong LRS với nội dung khác (mã câu lệnh không đổi được).`, { rule: 'statement-id-immutable' });

export const documentConflict = () =>
  xapiError(XapiErrorCode.DocumentConflict, 'Tài liệu đã có: gửi kèm If-Match (ETag hiện tại) hoặc If-None-Match: * để ghi (xAPI concurrency).', { rule: 'concurrency-header-required' });

export const preconditionFailed = () =>
  xapiError(XapiErrorCode.PreconditionFailed, 'Tài liệu đã bị thay đổi (ETag không khớp If-Match / If-None-Match).', { rule: 'etag-precondition' });

export const xapiNotFound = (what: string) => xapiError(XapiErrorCode.NotFound, `Không tìm thấy ${what}.`);

export const lrsUnauthenticated = () =>
  xapiError(XapiErrorCode.Unauthenticated, 'Thông tin xác thực của ứng dụng LRS không đúng hoặc đã bị thu hồi (HTTP Basic: key:secret).');

export const missingScope = (scopes: string) => xapiError(XapiErrorCode.Scope, `Ứng dụng LRS này không có quyền ${scopes} cho thao tác này.`);

export const lrsClientNotFound = () => xapiError(XapiErrorCode.ClientNotFound, 'Không tìm thấy ứng dụng kết nối LRS.');

export const forwardEndpointNotFound = () => xapiError(XapiErrorCode.ForwardEndpointNotFound, 'Không tìm thấy nơi chuyển tiếp xAPI.');

export const forwardUnitNotFound = () => xapiError(XapiErrorCode.ForwardUnitNotFound, 'Không tìm thấy đơn vị đã chọn để lọc câu lệnh chuyển tiếp.');
