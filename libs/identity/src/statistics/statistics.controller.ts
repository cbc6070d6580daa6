import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@enclave/core';
import { AdminStatisticsResponse, Permission } from '@enclave/contracts';
import { RequirePermission } from '@enclave/authz';
import { StatisticsService } from './statistics.service.js';

@ApiTags('admin: statistics')
@ApiBearerAuth('access-token')
@Controller('api/v1/admin/statistics')
export class StatisticsController {
  constructor(@Inject(StatisticsService) private readonly statistics: StatisticsService) {}

  @Get()
  @RequirePermission(Permission.StatisticsRead)
  @ApiOperation({ summary: 'Seats (total / active / deactivated), DAU and MAU, active users and messages per day for 30 days, top channels.' })
  @ApiOkResponse({ type: AdminStatisticsResponse })
  overview(@CurrentActor() actor: Actor): Promise<AdminStatisticsResponse> {
    return this.statistics.overview(actor);
  }
}
