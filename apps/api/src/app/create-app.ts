import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Clock } from '@api/common/clock';
import { type ApiRole, type AppConfig, loadConfig, resolvedContentOrigin } from '@api/config';
import { AllExceptionsFilter, commonError, CommonErrorCode } from '@api/common/errors';
import { registerJsonCompression, securityHeaderSource } from '@api/common/http';
import { createValidationPipe } from '@api/common/validation';
import { AppModule } from './app.module';

export const MAX_JSON_BODY = 1024 * 1024;
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export interface CreateAppOptions {
  databaseUrl: string;
  /** DATABASE_READ_URL: a streaming replica for heavy reads. */
  databaseReadUrl?: string | null;
  embeddedDatabase?: boolean;
  /** Folder of the built web client to serve at `/`; none in API-only tests. */
  webDist?: string | null;
  clock?: Clock;
  role?: ApiRole;
  logger?: LogLevel[] | false;
  /** Settings over those read from the environment (tests). */
  config?: Partial<AppConfig>;
}

/** Builds the whole application; main.ts and the tests both start from here, so tests run what users run. */
export async function createApp(options: CreateAppOptions): Promise<NestFastifyApplication> {
  const config: AppConfig = { ...loadConfig(), ...options.config };
  const adapter = new FastifyAdapter({
    bodyLimit: MAX_JSON_BODY,
    // X-Forwarded-For decides the client address (rate limits): believed only from the proxies TRUST_PROXY names.
    trustProxy: config.trustProxy,
    // Fastify answers a malformed %-escape or an over-long path segment itself, before Nest: keep our error shape.
    frameworkErrors: (error: FastifyError, _request: unknown, reply: FastifyReply) => {
      const statusCode = error.statusCode ?? 400;
      void reply.status(statusCode).send({ statusCode, code: 'BAD_URL', message: 'Địa chỉ yêu cầu không hợp lệ.' });
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({
      databaseUrl: options.databaseUrl,
      databaseReadUrl: options.databaseReadUrl ?? null,
      config,
      clock: options.clock,
      runtime: { embeddedDatabase: options.embeddedDatabase ?? false, version: config.version, role: options.role ?? 'all' },
    }),
    adapter,
    { logger: options.logger ?? ['error', 'warn'] },
  );
  app.setGlobalPrefix('api');
  // The client frames e-lecture packages from the one content origin (CONTENT_ORIGIN, or PUBLIC_URL's host on CONTENT_PORT).
  const headersFor = securityHeaderSource({ frameSrc: [...config.cspFrameSrc, resolvedContentOrigin(config)], https: config.publicUrl.startsWith('https:') });
  // Every response, API or static file or error, carries the security headers (see common/http/security-headers).
  app.getHttpAdapter().getInstance().addHook('onSend', async (request: { url: string }, reply: FastifyReply) => {
    void reply.headers(headersFor(request.url, (name) => reply.getHeader(name)));
  });
  // Deeply nested JSON would exhaust the stack in validation; no request of ours nests more than a few levels.
  app.getHttpAdapter().getInstance().addHook('preValidation', async (request: { body?: unknown }) => {
    if (jsonDepth(request.body) > MAX_JSON_DEPTH) {
      throw commonError(CommonErrorCode.JsonTooDeep, 'Dữ liệu gửi lên lồng nhau quá sâu.');
    }
  });
  registerXapiHttp(app.getHttpAdapter().getInstance());
  registerJsonCompression(app.getHttpAdapter().getInstance());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
  await app.register(multipart as never, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });

  const doc = new DocumentBuilder()
    .setTitle('cchc-learn API')
    .setDescription('Đào tạo, bồi dưỡng và kiểm tra kiến thức cải cách hành chính')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc));

  if (options.webDist && existsSync(path.join(options.webDist, 'index.html'))) await serveWebClient(app, options.webDist);
  return app;
}

const MAX_JSON_DEPTH = 32;

const XAPI_PREFIX = '/api/xapi/';

/**
 * The LRS speaks HTTP as xAPI says: documents of any content type and multipart/mixed statements arrive as raw bytes
 * (other routes keep refusing unknown content types with 415), and every answer says the xAPI version.
 */
function registerXapiHttp(fastify: FastifyInstance): void {
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (request: FastifyRequest, body: Buffer, done: (err: Error | null, body?: unknown) => void) => {
    if (request.url.startsWith(XAPI_PREFIX)) return done(null, body);
    done(Object.assign(new Error('Unsupported Media Type'), { statusCode: 415 }));
  });
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.url.startsWith(XAPI_PREFIX)) reply.header('X-Experience-API-Version', '1.0.3');
  });
  // Content on another origin (an e-lecture package on the content origin, another platform's page) talks to the LRS
  // from the browser. Any origin may: the LRS reads credentials from the Authorization header only, never cookies, so
  // a page without the credentials gets a 401 and a page with them could send them anyway.
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.url.startsWith(XAPI_PREFIX)) return;
    const origin = request.headers.origin;
    if (typeof origin === 'string') {
      reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
      reply.header('access-control-expose-headers', 'ETag, Last-Modified, Content-Type, X-Experience-API-Version, X-Experience-API-Consistent-Through');
    }
    if (request.method === 'OPTIONS') {
      return reply
        .status(204)
        .header('access-control-allow-methods', 'GET, HEAD, PUT, POST, DELETE')
        .header('access-control-allow-headers', 'Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match')
        .header('access-control-max-age', '600')
        .send();
    }
  });
}

/** Depth of a parsed JSON value, without recursion (the point is to survive hostile input). Runs on every body. */
export function jsonDepth(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let max = 0;
  // Two parallel stacks of objects only (no pair per value): scalars cannot deepen anything.
  const nodes: object[] = [value];
  const depths: number[] = [1];
  while (nodes.length) {
    const node = nodes.pop() as Record<string, unknown>;
    const depth = depths.pop() as number;
    if (depth > max) max = depth;
    if (max > MAX_JSON_DEPTH) return max;
    for (const k in node) {
      const child = node[k];
      if (child !== null && typeof child === 'object') {
        nodes.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return max;
}

/** Serves the built client; any non-API path answers index.html so client-side routes survive a reload. */
async function serveWebClient(app: NestFastifyApplication, root: string): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyStatic as never, {
    root,
    wildcard: false,
    // The build writes .br/.gz beside each asset (apps/web/vite.config.mts): about a third of the bytes on the wire.
    preCompressed: true,
    // Hashed assets never change; everything else is revalidated so a new release shows at once.
    setHeaders: (reply: { header: (k: string, v: string) => void }, filePath: string) => {
      const hashed = filePath.includes(`${path.sep}assets${path.sep}`);
      reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  fastify.get('/*', (req, reply) => {
    if (req.url.startsWith('/api/') || req.url === '/api') {
      return reply.status(404).send({ statusCode: 404, code: 'NOT_FOUND', message: 'Không tìm thấy địa chỉ yêu cầu.' });
    }
    // A script from an older release is gone: a 404 lets the client notice, where index.html would be run as code.
    if (req.url.startsWith('/assets/')) {
      return reply.status(404).send({ statusCode: 404, code: 'NOT_FOUND', message: 'Không tìm thấy tệp yêu cầu.' });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
