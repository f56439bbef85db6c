import { Module } from '@nestjs/common';
import { AppointmentsRepository } from './appointments.repository';
import { NoShowSweepService } from './no-show-sweep.service';

@Module({ providers: [NoShowSweepService, AppointmentsRepository], exports: [NoShowSweepService] })
export class NoShowModule {}
