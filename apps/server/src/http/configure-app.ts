import { ValidationPipe, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpExceptionFilter, requestIdFor, type AppConfig } from '@enclave/core';

/**
 * Everything about the HTTP edge that is not a module: body limits, validation, the one
 * error shape, OpenAPI. Shared by the server and the medium/e2e test apps so tests see the
 * same edge as production.
 */
export function configureHttpApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.set('trust proxy', config.http.trustProxy);
  express.disable('x-powered-by');
  // Before the body parsers, so even a request rejected for malformed JSON has a request id.
  express.use((req: IncomingMessage & { id?: string }, res: ServerResponse, next: () => void) => {
    req.id = requestIdFor(req, res);
    next();
  });
  express.useBodyParser('json', { limit: config.http.bodyLimitBytes, strict: true });
  express.useBodyParser('urlencoded', { limit: config.http.bodyLimitBytes, extended: false });
  app.useGlobalFilters(new HttpExceptionFilter());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
      validationError: { target: false, value: false }, // never echo submitted values (passwords)
    }),
  );
  setupOpenApi(app, config);
}

function setupOpenApi(app: INestApplication, config: AppConfig): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Enclave API')
      .setDescription('REST API of Enclave, the self-hosted collaboration suite. Errors share one shape: { error: { code, message, requestId } }.')
      .setVersion('1')
      .addServer(config.http.publicUrl)
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'access-token')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json', yamlDocumentUrl: 'api/openapi.yaml' });
}
