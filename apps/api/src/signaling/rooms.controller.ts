import { Controller, Get } from '@nestjs/common';
import { RoomStatsResponse } from '@telehealth/contracts';
import { Roles } from '../auth/auth.decorators';
import { Ctx, RequestContext } from '../common/request-context';
import { RoomStatsService } from './room-stats.service';

@Controller('rooms')
export class RoomsController {
  constructor(private readonly roomStats: RoomStatsService) {}

  /** Open rooms across every API process: seats connected and reconnecting, calls in progress. */
  @Get('stats')
  @Roles('ADMIN')
  stats(@Ctx() ctx: RequestContext): Promise<RoomStatsResponse> {
    return this.roomStats.stats(ctx);
  }
}
