import { Controller, Get } from '@nestjs/common';
import { RoomStatsResponse } from '@telehealth/contracts';
import { Audited } from '../audit/audited.decorator';
import { Roles } from '../auth/auth.decorators';
import { RoomStatsService } from './room-stats.service';

@Controller('rooms')
export class RoomsController {
  constructor(private readonly roomStats: RoomStatsService) {}

  /** Open rooms across every API process: seats connected and reconnecting, calls in progress. */
  @Get('stats')
  @Roles('ADMIN')
  @Audited<RoomStatsResponse>({
    action: 'rooms.stats.read',
    entityType: 'room',
    kind: 'read',
    detail: (stats) => ({ rooms: stats.totals.rooms }),
  })
  stats(): Promise<RoomStatsResponse> {
    return this.roomStats.stats();
  }
}
