import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { UsersRepository } from '../auth/users.repository';
import { AppointmentsController } from './appointments.controller';
import { AppointmentsRepository } from './appointments.repository';
import { AppointmentsService } from './appointments.service';

@Module({
  imports: [AccessModule],
  controllers: [AppointmentsController],
  providers: [AppointmentsService, AppointmentsRepository, UsersRepository],
  exports: [AppointmentsService, AppointmentsRepository],
})
export class AppointmentsModule {}
