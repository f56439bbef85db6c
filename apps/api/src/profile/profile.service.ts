import { Injectable } from '@nestjs/common';
import type { UpdateProfileRequest, UserResponse } from '@telehealth/contracts';
import { toUserResponse } from '../auth/auth-user';
import type { RequestContext } from '../common/request-context';
import { PrismaService } from '../prisma/prisma.service';

/** A person changing their own name, time zone or language. */
@Injectable()
export class ProfileService {
  constructor(private readonly prisma: PrismaService) {}

  /** The caller's account with the changes; emails, reports and pages use them from the next request on. */
  async update(ctx: RequestContext, request: UpdateProfileRequest): Promise<UserResponse> {
    const updated = await this.prisma.user.update({
      where: { id: ctx.user.id },
      data: { name: request.name, timeZone: request.timeZone, language: request.language },
      select: { name: true, timeZone: true, language: true },
    });
    return toUserResponse({ ...ctx.user, ...updated });
  }
}
