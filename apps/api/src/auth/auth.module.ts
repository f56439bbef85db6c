import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { ClientAddressService } from './client-address.service';
import { LoginThrottleService } from './login-throttle.service';
import { RegistrationThrottleService } from './registration-throttle.service';
import { ThrottleStore } from './throttle-store';
import { TokenService } from './token.service';
import { UsersRepository } from './users.repository';

@Module({
  controllers: [AuthController],
  providers: [
    AuthService,
    TokenService,
    ThrottleStore,
    LoginThrottleService,
    RegistrationThrottleService,
    ClientAddressService,
    UsersRepository,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, TokenService, ClientAddressService, UsersRepository],
})
export class AuthModule {}
