import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from './app/create-app';
import { loadConfig } from './config/app-config';
import { dataSourceOptions, migrate, openDatabase } from './database/database';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoProvince } from './seed/demo-seed';

async function main(): Promise<void> {
  const logger = new Logger('cchc-learn');
  const log = (m: string) => process.stdout.write(`[cchc-learn] ${m}\n`);
  const config = loadConfig();
  const database = await openDatabase(config.databaseUrl, config.dataDir, log);
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await app?.close().catch(() => undefined);
    await database.stop().catch(() => undefined);
    process.exit(code);
  };
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    await migrate(database.url, log);
    if (config.seedDemo) {
      const ds = new DataSource({ ...dataSourceOptions(database.url), extra: { max: 2 } });
      await ds.initialize();
      await seedDemoProvince(ds, log).finally(() => ds.destroy());
    }
    app = await createApp({ databaseUrl: database.url, embeddedDatabase: database.embedded, webDist: config.webDist, logger: ['error', 'warn'] });
    await app.listen({ port: config.port, host: config.host });
  } catch (e) {
    logger.error(e instanceof Error ? e.stack : String(e));
    await stop(1);
    return;
  }

  const url = `http://localhost:${config.port}`;
  const lines = [
    '',
    `  cchc-learn đang chạy tại ${url}   (API: ${url}/api, tài liệu API: ${url}/api/docs)`,
    `  Cơ sở dữ liệu: ${database.embedded ? `PostgreSQL nhúng, dữ liệu trong ${config.dataDir}/pg` : 'DATABASE_URL'}`,
    '',
    `  Tài khoản dùng thử (mật khẩu chung: ${DEMO_PASSWORD}):`,
    ...DEMO_ACCOUNTS.map((a) => `    ${a.username.padEnd(12)} ${a.description}`),
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

void main();
