import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '@enclave/core';
import { MyPermissionsResponse, Permission } from '@enclave/contracts';
import { AbilityService } from '../ability/ability.service.js';
import { RequirePermission } from '../guard/require-permission.decorator.js';

@ApiTags('users')
@ApiBearerAuth('access-token')
@Controller('api/v1/authz/me')
export class MyPermissionsController {
  constructor(@Inject(AbilityService) private readonly abilities: AbilityService) {}

  @Get()
  @RequirePermission(Permission.ProfileReadOwn)
  @ApiOperation({ summary: 'Your roles and permissions, for showing or hiding features (every request is still checked).' })
  @ApiOkResponse({ type: MyPermissionsResponse })
  async get(@CurrentActor() actor: Actor): Promise<MyPermissionsResponse> {
    const ability = await this.abilities.usable(actor);
    return {
      roles: [...ability.roles],
      permissions: [...ability.permissions].sort(),
      guest: ability.guest,
      accessExpiresAt: ability.accessExpiresAt?.toISOString() ?? null,
    };
  }
}
