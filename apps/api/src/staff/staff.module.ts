import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { MailModule } from '../mail/mail.module';
import { StaffController } from './staff.controller';
import { StaffRepository } from './staff.repository';
import { StaffService } from './staff.service';

@Module({ imports: [AccessModule, MailModule], controllers: [StaffController], providers: [StaffService, StaffRepository] })
export class StaffModule {}
