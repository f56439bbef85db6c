import { Injectable } from '@nestjs/common';
import type { HealthResponse } from '@telehealth/contracts';
import { PrismaService } from '../prisma/prisma.service';
import { RedisService } from '../redis/redis.service';

@Injectable()
export class HealthService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly redis: RedisService,
  ) {}

  async check(): Promise<HealthResponse> {
    const [databaseUp, redis] = await Promise.all([this.prisma.isReachable(), this.redis.state()]);
    return {
      service: 'telehealth-api',
      status: databaseUp && redis !== 'down' ? 'ok' : 'degraded',
      server_time: new Date().toISOString(),
      database: databaseUp ? 'up' : 'down',
      redis,
    };
  }
}
