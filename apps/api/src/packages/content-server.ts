import fastifyStatic from '@fastify/static';
import type { INestApplication } from '@nestjs/common';
import Fastify, { type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { AppException } from '@api/common/errors';
import { PackagesService } from './packages.service';

/** The runtime page and its scripts, from the built web client (apps/web/scorm-runtime.html). */
const RUNTIME_PAGE = 'scorm-runtime.html';

/**
 * The second listener: package content (third-party script) is served from another origin than the app, so it can
 * read neither the learner's tokens (the app's localStorage) nor call the API as the learner (no token, and CORS
 * keeps the app's answers from it). It serves only the runtime page with its assets, and package files behind a
 * signed, expiring path segment; nothing else, and no API.
 */
export async function createContentServer(app: INestApplication, options: { webDist?: string | null; trustProxy?: boolean | string } = {}): Promise<FastifyInstance> {
  const packages = app.get(PackagesService);
  const fastify = Fastify({ logger: false, trustProxy: options.trustProxy ?? false, routerOptions: { maxParamLength: 2000 } });
  const common = {
    'x-content-type-options': 'nosniff',
    // The content token is in the path: never hand it to a site a package links to.
    'referrer-policy': 'same-origin',
  };
  const webDist = options.webDist && existsSync(path.join(options.webDist, RUNTIME_PAGE)) ? options.webDist : null;
  if (webDist) {
    await fastify.register(fastifyStatic as never, { root: webDist, serve: false });
    fastify.get(`/${RUNTIME_PAGE}`, (_req, reply) =>
      reply
        .headers({ ...common, 'cache-control': 'no-cache', 'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; frame-src 'self'; object-src 'none'; base-uri 'none'" })
        .sendFile(RUNTIME_PAGE),
    );
    fastify.get('/assets/:file', (req, reply) => {
      const { file } = req.params as { file: string };
      if (!/^[\w-]+\.js$/.test(file)) return reply.status(404).send('Không tìm thấy.');
      return reply.headers({ ...common, 'cache-control': 'public, max-age=31536000, immutable' }).sendFile(`assets/${file}`);
    });
  }
  fastify.get('/p/:token/*', async (req, reply) => {
    const { token, '*': rest } = req.params as { token: string; '*': string };
    let filePath: string;
    try {
      filePath = decodeURIComponent(rest.split('?')[0]);
    } catch {
      return reply.status(404).send('Không tìm thấy.');
    }
    try {
      const file = await packages.openContent(token, filePath);
      return reply
        .headers({ ...common, 'content-type': file.mime, 'content-length': String(file.size), 'cache-control': 'private, max-age=3600' })
        .send(file.stream);
    } catch (e) {
      if (e instanceof AppException) return reply.status(e.status).header('content-type', 'text/plain; charset=utf-8').send(e.message);
      throw e;
    }
  });
  fastify.setNotFoundHandler((_req, reply) => reply.status(404).header('content-type', 'text/plain; charset=utf-8').send('Không tìm thấy.'));
  return fastify;
}
