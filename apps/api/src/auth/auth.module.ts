import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { MailModule } from '../mail/mail.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { ClientAddressService } from './client-address.service';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordResetThrottleService } from './password-reset-throttle.service';
import { PasswordService } from './password.service';
import { PasswordTokensRepository } from './password-tokens.repository';
import { RegistrationThrottleService } from './registration-throttle.service';
import { ThrottleStore } from './throttle-store';
import { TokenService } from './token.service';
import { UsersRepository } from './users.repository';

@Module({
  imports: [MailModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    TokenService,
    ThrottleStore,
    LoginThrottleService,
    RegistrationThrottleService,
    PasswordService,
    PasswordResetThrottleService,
    PasswordTokensRepository,
    ClientAddressService,
    UsersRepository,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, TokenService, ClientAddressService, UsersRepository, ThrottleStore],
})
export class AuthModule {}
