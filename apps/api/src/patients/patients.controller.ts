import { Controller, Get, Query } from '@nestjs/common';
import { FindPatientsQuery, FindPatientsResponse, ZFindPatientsQuerySchema } from '@telehealth/contracts';
import { Audited } from '../audit/audited.decorator';
import { Roles } from '../auth/auth.decorators';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { PatientsService } from './patients.service';

@Controller('patients')
export class PatientsController {
  constructor(private readonly patients: PatientsService) {}

  @Get()
  @Roles('DOCTOR')
  @Audited<FindPatientsResponse>({
    action: 'patient.search',
    entityType: 'user',
    kind: 'read',
    detail: (found) => ({ results: found.items.length }),
  })
  find(@Query(new ZodValidationPipe(ZFindPatientsQuerySchema)) query: FindPatientsQuery): Promise<FindPatientsResponse> {
    return this.patients.find(query);
  }
}
