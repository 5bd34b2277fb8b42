import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigType } from '@nestjs/config';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { appConfig, createValidationPipe } from '@tracker/common';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { compressLarge } from './security/compress-large';
import {
  noStore,
  requestErrorHandler,
  requestParsers,
  requestTimeout,
} from './security/request-limits';
import { serveWeb } from './web/serve-web';

/** Everything main.ts sets on the app, shared with the e2e tests so they test the real thing. */
export function configureApp(app: INestApplication): INestApplication {
  const cfg = app.get<ConfigType<typeof appConfig>>(appConfig.KEY);
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');
  const express = app as NestExpressApplication;
  // Behind a reverse proxy: which hops to trust for the client address (per-address limits, logs).
  express.set('trust proxy', cfg.trustProxy);
  app.use(helmet());
  app.use(requestTimeout());
  app.use('/api', noStore());
  app.use('/api', compressLarge());
  // The web pages (apps/web): static files and index.html for the pages' own paths outside /api.
  serveWeb(app);
  // Size, depth and width limits before any parsing work; a parse failure keeps its 4xx.
  app.use(...requestParsers());
  app.use(requestErrorHandler());
  app.enableCors(
    cfg.corsOrigins.length ? { origin: cfg.corsOrigins, credentials: true } : { origin: false },
  );
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const openApi = new DocumentBuilder()
    .setTitle('Task-responsibility tracker API')
    .setDescription(
      '督查督办任务责任追踪: documents, tasks, assignments, reports, notices, escalations, bulletins',
    )
    .setVersion('1.0')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, openApi);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
