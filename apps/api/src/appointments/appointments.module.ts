import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { UsersRepository } from '../auth/users.repository';
import { VisitNoticesModule } from '../visit-invitations/visit-notices.module';
import { AppointmentsController } from './appointments.controller';
import { AppointmentsRepository } from './appointments.repository';
import { AppointmentsService } from './appointments.service';

@Module({
  imports: [AccessModule, VisitNoticesModule],
  controllers: [AppointmentsController],
  providers: [AppointmentsService, AppointmentsRepository, UsersRepository],
  exports: [AppointmentsService, AppointmentsRepository],
})
export class AppointmentsModule {}
