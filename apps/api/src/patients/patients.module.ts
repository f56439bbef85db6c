import { Module } from '@nestjs/common';
import { UsersRepository } from '../auth/users.repository';
import { PatientsController } from './patients.controller';
import { PatientsService } from './patients.service';

@Module({ controllers: [PatientsController], providers: [PatientsService, UsersRepository] })
export class PatientsModule {}
