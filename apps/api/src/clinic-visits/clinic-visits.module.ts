import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { SessionsRepository } from '../sessions/sessions.repository';
import { ClinicVisitsController } from './clinic-visits.controller';
import { ClinicVisitsRepository } from './clinic-visits.repository';
import { ClinicVisitsService } from './clinic-visits.service';

/** The clinic's visits as its admins see them; who was there and the call's samples are read as the visit record reads them. */
@Module({
  imports: [AccessModule],
  controllers: [ClinicVisitsController],
  providers: [ClinicVisitsService, ClinicVisitsRepository, SessionsRepository],
})
export class ClinicVisitsModule {}
