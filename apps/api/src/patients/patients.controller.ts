import { Controller, Get, Query } from '@nestjs/common';
import { FindPatientsQuery, FindPatientsResponse, ZFindPatientsQuerySchema } from '@telehealth/contracts';
import { AuthUser } from '../auth/auth-user';
import { ClientAddress, CurrentUser, Roles } from '../auth/auth.decorators';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { PatientsService } from './patients.service';

@Controller('patients')
export class PatientsController {
  constructor(private readonly patients: PatientsService) {}

  @Get()
  @Roles('DOCTOR')
  find(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(ZFindPatientsQuerySchema)) query: FindPatientsQuery,
    @ClientAddress() ip?: string,
  ): Promise<FindPatientsResponse> {
    return this.patients.find(user, query, ip);
  }
}
