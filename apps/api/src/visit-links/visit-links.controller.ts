import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { RedeemVisitLinkRequest, RedeemVisitLinkResponse, ZRedeemVisitLinkRequestSchema } from '@telehealth/contracts';
import { ClientAddress, Public } from '../auth/auth.decorators';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { VisitLinksService } from './visit-links.service';

@Controller('visit-links')
export class VisitLinksController {
  constructor(private readonly links: VisitLinksService) {}

  /** A `/j/<token>` link or a typed code → a session for that visit only. Audited in the service (who redeemed is known only there). */
  @Public()
  @Post('redeem')
  @HttpCode(200)
  redeem(
    @Body(new ZodValidationPipe(ZRedeemVisitLinkRequestSchema)) body: RedeemVisitLinkRequest,
    @ClientAddress() ip?: string,
  ): Promise<RedeemVisitLinkResponse> {
    return this.links.redeem(body, ip);
  }
}
