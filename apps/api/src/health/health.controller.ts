import { Controller, Get, Res } from '@nestjs/common';
import type { HealthResponse } from '@telehealth/contracts';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { HealthService } from './health.service';

@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** 503 while the database is down, so a load balancer takes this node out of rotation. */
  @Public()
  @Get()
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthResponse> {
    const health = await this.health.check();
    response.status(health.database === 'up' ? 200 : 503);
    return health;
  }
}
