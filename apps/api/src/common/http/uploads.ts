import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppException, badUpload } from '@api/common/errors';

export interface UploadedBytes {
  fileName: string;
  buffer: Buffer;
}

export interface UploadErrors {
  /** The request is not multipart, or has no `file` field. */
  noFile: () => AppException;
  /** The file passed the size limit (the rest of it was never read). */
  tooLarge: () => AppException;
}

/**
 * Reads the single `file` field of a multipart upload into memory before anything is stored, so an upload cut off by
 * the size limit or refused later leaves nothing behind. Every domain's upload goes through here.
 */
export async function readUpload(
  req: FastifyRequest,
  errors: UploadErrors,
  options: { defaultName?: string; maxBytes?: number } = {},
): Promise<UploadedBytes> {
  if (!req.isMultipart()) throw errors.noFile();
  try {
    const part = await req.file(options.maxBytes ? { limits: { fileSize: options.maxBytes, files: 1 } } : undefined);
    if (!part || part.fieldname !== 'file') throw errors.noFile();
    return { fileName: part.filename || options.defaultName || 'tep-tai-len', buffer: await part.toBuffer() };
  } catch (e) {
    if (e instanceof AppException) throw e;
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw errors.tooLarge();
    // Anything else is the client's stream: a broken boundary, a part cut off, malformed part headers.
    throw badUpload();
  }
}

/** Sends a download with its Vietnamese file name (RFC 5987 alongside an ASCII fallback). */
export function sendAttachment(reply: FastifyReply, type: string, body: Buffer | string, fileName: string) {
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(body);
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Declares a multipart upload with one `file` field (and optional text fields) in the OpenAPI document. */
export const ApiFileUpload = (fields: Record<string, string> = {}) =>
  applyDecorators(
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: {
        type: 'object',
        required: ['file'],
        properties: { file: { type: 'string', format: 'binary' }, ...Object.fromEntries(Object.entries(fields).map(([k, d]) => [k, { type: 'string', description: d }])) },
      },
    }),
  );
