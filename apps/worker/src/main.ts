import 'reflect-metadata';
import { createServer } from 'node:http';
import { ConfigType } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { appConfig } from '@tracker/common';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // SIGTERM closes the workers (waiting for active jobs), then the queues and connections.
  app.enableShutdownHooks();
  const cfg = app.get<ConfigType<typeof appConfig>>(appConfig.KEY);
  if (cfg.workerHealthPort > 0) {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ status: 'ok', pid: process.pid }));
    });
    server.listen(cfg.workerHealthPort, '127.0.0.1');
    process.once('SIGTERM', () => server.close());
  }
  app.get(Logger).log('worker started');
}

process.on('unhandledRejection', (reason) => {
  process.stderr.write(`unhandledRejection: ${String(reason)}\n`);
});

bootstrap().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
