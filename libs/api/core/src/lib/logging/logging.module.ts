import { Module } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
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
            serializers: { req: requestSerializer, res: responseSerializer },
            redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
            customProps: (req: IncomingMessage) => {
              const user = (req as IncomingMessage & { user?: { id?: string } }).user;
              return user?.id ? { userId: user.id } : {};
            },
            autoLogging: { ignore: (req: IncomingMessage) => req.url === '/api/health' },
          },
          logDestination(app.nodeEnv),
        ],
      }),
    }),
  ],
})
export class LoggingModule {}
