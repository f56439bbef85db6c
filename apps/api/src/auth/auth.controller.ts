import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  AuthResponse,
  LoginRequest,
  RegisterRequest,
  RegisterResponse,
  SignalingTicketResponse,
  UserResponse,
  ZLoginRequestSchema,
  ZRegisterRequestSchema,
} from '@telehealth/contracts';
import { Ctx, type RequestContext } from '../common/request-context';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { AuthenticatedUser, AuthUser, toUserResponse } from './auth-user';
import { ClientAddress, CurrentSession, CurrentUser, Public } from './auth.decorators';
import { AuthService } from './auth.service';

@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** 202 with the same sentence whether or not the email had an account (see AuthService.register). */
  @Public()
  @Post('auth/register')
  @HttpCode(202)
  register(
    @Body(new ZodValidationPipe(ZRegisterRequestSchema)) body: RegisterRequest,
    @ClientAddress() ip?: string,
  ): Promise<RegisterResponse> {
    return this.auth.register(body, ip);
  }

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  login(@Body(new ZodValidationPipe(ZLoginRequestSchema)) body: LoginRequest, @ClientAddress() ip?: string): Promise<AuthResponse> {
    return this.auth.login(body, ip);
  }

  @Post('auth/logout')
  @HttpCode(204)
  logout(@Ctx() ctx: RequestContext): Promise<void> {
    return this.auth.signOut(ctx);
  }

  @Post('auth/signaling-ticket')
  @HttpCode(200)
  signalingTicket(@CurrentSession() session: AuthenticatedUser): SignalingTicketResponse {
    return this.auth.issueSignalingTicket(session);
  }

  @Get('me')
  me(@CurrentUser() user: AuthUser): UserResponse {
    return toUserResponse(user);
  }
}
