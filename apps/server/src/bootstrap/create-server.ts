import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@enclave/core';
import type { Redis } from 'ioredis';
import { RealtimeIoAdapter } from '@enclave/realtime';
import { MediaNode } from '@enclave/media';
import { AppModule } from '../app.module.js';
import { configureHttpApp } from '../http/configure-app.js';
import { connectRedis } from '@enclave/core';
import { SERVER_ENTITIES } from './server-entities.js';
import { startDatabase, type StartedDatabase } from './start-database.js';

export interface RunningServer {
  readonly app: INestApplication;
  readonly database: StartedDatabase;
  readonly redis: Redis;
  /** The media node (SFU) embedded in this process, when MEDIA_EMBEDDED. */
  readonly media: MediaNode | undefined;
  readonly url: string;
  close(): Promise<void>;
}

/** Starts Redis, the database (migrated) and the Nest app; used by main.ts and by tests. */
export async function createServer(config: AppConfig): Promise<RunningServer> {
  const redis = await connectRedis(config, 'enclave-server');
  let database: StartedDatabase;
  try {
    database = await startDatabase(config, SERVER_ENTITIES);
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  // Single-node mode runs the SFU in this process; it registers in Redis like a separate media node.
  const media = config.media.embedded ? new MediaNode(config) : undefined;
  try {
    await media?.start();
  } catch (error) {
    redis.disconnect();
    await database.stop();
    throw error;
  }
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config, dataSource: database.dataSource, redis }), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.useWebSocketAdapter(new RealtimeIoAdapter(app, config, redis));
  configureHttpApp(app, config);
  await app.listen(config.http.port, config.http.host);
  const address = app.getHttpServer().address() as { port: number } | null;
  const port = address?.port ?? config.http.port;
  const url = config.http.port === 0 ? `http://127.0.0.1:${port}` : config.http.publicUrl;
  let closed = false;
  return {
    app,
    database,
    redis,
    media,
    url,
    async close() {
      if (closed) return;
      closed = true;
      await app.close(); // closes the DataSource and Redis through module shutdown hooks
      await media?.stop();
      await database.stop();
    },
  };
}
