import { Controller, Get, Header, Inject, NotFoundException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, Public, type AppConfig } from '@enclave/core';
import { MetricsService } from './metrics.service.js';

/** Prometheus scrape endpoint. Operators restrict it at the reverse proxy (see deploy/nginx). */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(MetricsService) private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    if (!this.config.metrics.enabled) throw new NotFoundException();
    return this.metrics.registry.metrics();
  }
}
