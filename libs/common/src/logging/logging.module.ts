import { randomUUID } from 'node:crypto';
import { Module, RequestMethod } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { appConfig } from '../config/configuration';
import { redactQuery, redactUrl } from './redact';

/** Structured JSON logs (pino); secrets and tokens redacted. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [appConfig.KEY],
      useFactory: (app: ConfigType<typeof appConfig>) => ({
        // Express 5 route syntax: every path (the default '*' draws a legacy-route warning).
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: app.logLevel,
          genReqId: (req, res) => {
            const given = req.headers['x-request-id'];
            const id =
              typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
            res.setHeader('x-request-id', id);
            return id;
          },
          redact: {
            paths: [
              'req.headers.authorization',
              'req.headers.cookie',
              'res.headers["set-cookie"]',
              '*.password',
              '*.refreshToken',
              '*.accessToken',
            ],
            censor: '[redacted]',
          },
          // One-time acknowledge tokens and calendar-feed secrets travel in URLs: never logged.
          serializers: {
            req: (req: Record<string, unknown> & { headers?: Record<string, unknown> }) => ({
              ...req,
              url: redactUrl(req.url as string | undefined),
              query: redactQuery(req.query),
              // The logger's catch-all route makes params the URL's segments again: the URL says it already.
              params: undefined,
              headers: req.headers && {
                ...req.headers,
                referer: redactUrl(req.headers.referer as string | undefined),
              },
            }),
          },
          customProps: (req) => {
            const user = (req as { user?: { id?: string; unitId?: string | null } }).user;
            return user ? { userId: user.id, unitId: user.unitId } : {};
          },
          autoLogging: { ignore: (req) => req.url === '/api/health' },
        },
      }),
    }),
  ],
})
export class TrackerLoggingModule {}
