import { Controller, Get, Inject } from '@nestjs/common';
import type { IceServersResponse } from '@telehealth/contracts';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, VisitLinkAllowed } from '../auth/auth.decorators';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { iceServersFor } from './ice-servers';

@Controller('ice-servers')
export class IceServersController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @VisitLinkAllowed()
  @Get()
  get(@CurrentUser() user: AuthUser): IceServersResponse {
    return iceServersFor(
      user.id,
      {
        stunUrls: this.config.STUN_URLS,
        turnUrls: this.config.TURN_URLS,
        turnSecret: this.config.TURN_SECRET,
        turnTtlSeconds: this.config.TURN_TTL_S,
        transportPolicy: this.config.ICE_TRANSPORT_POLICY,
      },
      new Date(),
    );
  }
}
