import { ConfigService } from '@nestjs/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import cookieParser from 'cookie-parser';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import compression from 'compression';
import { Logger } from 'nestjs-pino';
import { join } from 'node:path';
import type { AppConfig, AuthConfig } from '../config/app.config';
import { CLOCK, type Clock } from '../clock/clock';
import { DatabaseInputErrorFilter } from './database-error.filter';
import { createValidationPipe } from './validation';
import { useClockForValidation } from './validators';
import { webAppFiles } from './web-app-files';

export const API_PREFIX = 'api';

/**
 * Everything an HTTP app needs besides its modules: logs, validation, security headers, size
 * limits, CORS, OpenAPI docs and the built web app. Used by main.ts and by the tests, so tests run
 * the app exactly as it is served.
 */
export function configureHttpApp(app: NestExpressApplication): void {
  const config = app.get(ConfigService).get<AppConfig>('app');
  if (!config) throw new Error('app config missing');
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix(API_PREFIX);
  useClockForValidation(app.get<Clock>(CLOCK));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new DatabaseInputErrorFilter(app.getHttpAdapter()));
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('urlencoded', { limit: '1mb', extended: false });
  app.set('trust proxy', 'loopback');
  app.use(cookieParser());
  const auth = app.get(ConfigService).get<AuthConfig>('auth');
  // Sign-in and change-password (both check a password) share the per-address limit.
  for (const route of ['sign-in', 'password']) {
    app.use(
      `/${API_PREFIX}/auth/${route}`,
      rateLimit({
        windowMs: 60_000,
        limit: auth?.signInRatePerMinute ?? 20,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        message: {
          statusCode: 429,
          message:
            route === 'sign-in'
              ? '登录尝试过于频繁，请稍后再试 / Too many sign-in attempts; try again shortly'
              : '修改密码尝试过于频繁，请稍后再试 / Too many password-change attempts; try again shortly',
        },
      }),
    );
  }
  // API answers are never cached (signed-in data stays out of browser and proxy caches).
  app.use(`/${API_PREFIX}`, (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // API answers over 1 KB go out compressed (brotli, else gzip) when the client accepts it; the
  // web app's files are compressed at build time instead (webAppFiles). Downloads whose type is
  // already compressed (xlsx, docx, zip) are left as they are by the package's type filter.
  app.use(`/${API_PREFIX}`, compression({ threshold: 1024 }));
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // ng-zorro sets inline styles; scripts stay same-origin only.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  app.enableCors({ origin: config.appOrigin ?? false, credentials: true });

  // OpenAPI docs: in development, and in production only when API_DOCS=true says so.
  if (apiDocsEnabled(config.nodeEnv, process.env['API_DOCS'])) {
    const docs = new DocumentBuilder()
      .setTitle('产业链招商管理平台 API')
      .setDescription('"5+2" industry-chain investment-attraction CRM')
      .setVersion('1')
      .build();
    SwaggerModule.setup(`${API_PREFIX}/docs`, app, () => SwaggerModule.createDocument(app, docs));
  }

  serveWebApp(app, config.webRoot);
}

/** Swagger is served outside production, and in production only with API_DOCS=true. */
export function apiDocsEnabled(nodeEnv: string, setting: string | undefined): boolean {
  if (setting === 'true') return true;
  if (setting === 'false') return false;
  return nodeEnv !== 'production';
}

/** Serves the built Angular app (webAppFiles); any non-API path falls back to index.html for client routes. */
function serveWebApp(app: NestExpressApplication, configuredRoot: string | null): void {
  const root = configuredRoot ?? join(process.cwd(), 'dist/apps/web/browser');
  // Everything but /api: an API request never waits for a file lookup.
  const isApi = (req: Request) => req.path === `/${API_PREFIX}` || req.path.startsWith(`/${API_PREFIX}/`);
  const files = webAppFiles(root, isApi);
  if (files) app.use(files);
}
