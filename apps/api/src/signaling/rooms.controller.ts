import { Controller, Get } from '@nestjs/common';
import { RoomStatsResponse } from '@telehealth/contracts';
import { AuthUser } from '../auth/auth-user';
import { ClientAddress, CurrentUser, Roles } from '../auth/auth.decorators';
import { SignalingService } from './signaling.service';

@Controller('rooms')
export class RoomsController {
  constructor(private readonly signaling: SignalingService) {}

  /** Open rooms across every API process: seats connected and reconnecting, calls in progress. */
  @Get('stats')
  @Roles('ADMIN')
  stats(@CurrentUser() user: AuthUser, @ClientAddress() ip?: string): Promise<RoomStatsResponse> {
    return this.signaling.roomStats(user, ip);
  }
}
