import { Module } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { stdSerializers } from 'pino';
import { appConfig, type AppConfig } from '../config/app.config';
import { logDestination, REDACTED_PATHS, requestSerializer, responseSerializer } from './log-format';

/**
 * Logs (pino), one line per request with method, path, status, time and the signed-in user's id;
 * never a header, a cookie, a token or a password (the serializers keep none, redaction censors any
 * that slips into a log object). JSON in production or when stdout is not a terminal; short readable
 * lines on a terminal in development (log-format.ts).
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [appConfig.KEY],
      useFactory: (app: AppConfig) => ({
        pinoHttp: [
          {
            level: app.logLevel,
            // The serializers get the raw request and response: pino-http's wrapped serializers would
            // first copy every header (and the remote address) into an object only to drop it
            // again, on every request (issue 23's profile).
            wrapSerializers: false,
            serializers: { req: requestSerializer, res: responseSerializer, err: stdSerializers.err },
            redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
            // Undefined (not {}) before the guard has run: pino-http then makes no extra child logger.
            customProps: (req: IncomingMessage) => {
              const user = (req as IncomingMessage & { user?: { id?: string } }).user;
              return (user?.id ? { userId: user.id } : undefined) as object;
            },
            // A failed answer (5xx) is an error line, so alerting on level catches it; the stack of what
            // failed is logged beside it by Nest's exception handler.
            customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
              err || res.statusCode >= 500 ? 'error' : 'info',
            autoLogging: { ignore: (req: IncomingMessage) => req.url === '/api/health' },
          },
          logDestination(app.nodeEnv),
        ],
      }),
    }),
  ],
})
export class LoggingModule {}
