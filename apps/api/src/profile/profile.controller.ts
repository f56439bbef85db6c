import { Body, Controller, Patch } from '@nestjs/common';
import { UpdateProfileRequest, UserResponse, ZUpdateProfileRequestSchema } from '@telehealth/contracts';
import { Audited } from '../audit/audited.decorator';
import { VisitLinkAllowed } from '../auth/auth.decorators';
import { Ctx, type RequestContext } from '../common/request-context';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { sentFields } from './profile-changes';
import { ProfileService } from './profile.service';

/**
 * A person's own name, time zone and language (the profile page). Every signed-in caller, visit-link
 * sessions included: a patient or an interpreter who came in by link may want the call in their language.
 */
@Controller('me')
export class ProfileController {
  constructor(private readonly profile: ProfileService) {}

  @VisitLinkAllowed()
  @Patch()
  @Audited<UserResponse>({
    action: 'user.profile_updated',
    entityType: 'user',
    kind: 'change',
    entityId: (user) => user.id,
    // Which fields were sent, never their values: a name identifies a patient. (The body reached the
    // handler, so it passed the strict schema: these are its fields.)
    detail: (_user, request) => ({ sent: sentFields(request.body as UpdateProfileRequest).join(',') }),
  })
  update(
    @Ctx() ctx: RequestContext,
    @Body(new ZodValidationPipe(ZUpdateProfileRequestSchema)) body: UpdateProfileRequest,
  ): Promise<UserResponse> {
    return this.profile.update(ctx, body);
  }
}
