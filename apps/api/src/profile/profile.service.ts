import { Injectable } from '@nestjs/common';
import type { UpdateProfileRequest, UserResponse } from '@telehealth/contracts';
import { toUserResponse } from '../auth/auth-user';
import { UsersRepository } from '../auth/users.repository';
import { ApiError } from '../common/api-error';
import type { RequestContext } from '../common/request-context';
import { refusedFields } from './profile-changes';

export const GUEST_NAME_FIXED = "name: a guest's name is the one their doctor gave them; ask the doctor to change it.";

/** A person changing their own name, time zone or language. */
@Injectable()
export class ProfileService {
  constructor(private readonly users: UsersRepository) {}

  /** The caller's account with the changes; emails, reports and pages use them from the next request on. */
  async update(ctx: RequestContext, request: UpdateProfileRequest): Promise<UserResponse> {
    if (refusedFields(ctx.user.role, request).length > 0) throw ApiError.forbidden(GUEST_NAME_FIXED);
    const updated = await this.users.updateProfile(ctx.user.id, request);
    return toUserResponse({ ...ctx.user, ...updated });
  }
}
