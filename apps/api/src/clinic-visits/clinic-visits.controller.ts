import { Controller, Get, Param, Query } from '@nestjs/common';
import { ClinicVisitDetail, ClinicVisitPage, ClinicVisitsQuery, ZClinicVisitsQuerySchema } from '@telehealth/contracts';
import { Audited, pageDetail } from '../audit/audited.decorator';
import { Roles } from '../auth/auth.decorators';
import { Ctx, type RequestContext } from '../common/request-context';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { ClinicVisitsService } from './clinic-visits.service';

/** The clinic's visits, for its admins: the list and one visit's page (no reason, notes or chat). Every read is audited. */
@Controller('admin/visits')
export class ClinicVisitsController {
  constructor(private readonly visits: ClinicVisitsService) {}

  @Get()
  @Roles('ADMIN')
  @Audited<ClinicVisitPage>({ action: 'clinic-visit.list', entityType: 'session', kind: 'read', detail: pageDetail })
  list(
    @Ctx() ctx: RequestContext,
    @Query(new ZodValidationPipe(ZClinicVisitsQuerySchema)) query: ClinicVisitsQuery,
  ): Promise<ClinicVisitPage> {
    return this.visits.list(ctx, query);
  }

  @Get(':id')
  @Roles('ADMIN')
  @Audited({ action: 'clinic-visit.read', entityType: 'session', kind: 'read' })
  get(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<ClinicVisitDetail> {
    return this.visits.get(ctx, id);
  }
}
