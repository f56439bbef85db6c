import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  AuthResponse,
  LoginRequest,
  RegisterRequest,
  UserResponse,
  ZLoginRequestSchema,
  ZRegisterRequestSchema,
} from '@telehealth/contracts';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { AuthUser, toUserResponse } from './auth-user';
import { ClientAddress, CurrentUser, Public } from './auth.decorators';
import { AuthService } from './auth.service';

@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('auth/register')
  register(@Body(new ZodValidationPipe(ZRegisterRequestSchema)) body: RegisterRequest): Promise<AuthResponse> {
    return this.auth.register(body);
  }

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  login(@Body(new ZodValidationPipe(ZLoginRequestSchema)) body: LoginRequest, @ClientAddress() ip?: string): Promise<AuthResponse> {
    return this.auth.login(body, ip);
  }

  @Post('auth/logout')
  @HttpCode(204)
  logout(@CurrentUser() user: AuthUser, @ClientAddress() ip?: string): Promise<void> {
    return this.auth.signOut(user, ip);
  }

  @Get('me')
  me(@CurrentUser() user: AuthUser): UserResponse {
    return toUserResponse(user);
  }
}
