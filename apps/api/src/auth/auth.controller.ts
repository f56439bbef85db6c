import { Body, Controller, Get, Headers, HttpCode, Post } from '@nestjs/common';
import {
  AuthResponse,
  ChoosePasswordRequest,
  ForgotPasswordRequest,
  ForgotPasswordResponse,
  LoginRequest,
  RegisterRequest,
  RegisterResponse,
  ResetPasswordRequest,
  SignalingTicketResponse,
  UserResponse,
  ZChoosePasswordRequestSchema,
  ZForgotPasswordRequestSchema,
  ZLoginRequestSchema,
  ZRegisterRequestSchema,
  ZResetPasswordRequestSchema,
} from '@telehealth/contracts';
import { Ctx, type RequestContext } from '../common/request-context';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { AuthenticatedUser, AuthUser, toUserResponse } from './auth-user';
import { ClientAddress, CurrentSession, CurrentUser, Public, VisitLinkAllowed } from './auth.decorators';
import { AuthService } from './auth.service';
import { PasswordService } from './password.service';

@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly passwords: PasswordService,
  ) {}

  /** 202 with the same sentence whether or not the email had an account (see AuthService.register). */
  @Public()
  @Post('auth/register')
  @HttpCode(202)
  register(
    @Body(new ZodValidationPipe(ZRegisterRequestSchema)) body: RegisterRequest,
    @ClientAddress() ip?: string,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<RegisterResponse> {
    return this.auth.register(body, ip, acceptLanguage);
  }

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  login(@Body(new ZodValidationPipe(ZLoginRequestSchema)) body: LoginRequest, @ClientAddress() ip?: string): Promise<AuthResponse> {
    return this.auth.login(body, ip);
  }

  /** 202 with the same sentence whether or not the email has an account (see PasswordService.forgot). */
  @Public()
  @Post('auth/password/forgot')
  @HttpCode(202)
  forgotPassword(
    @Body(new ZodValidationPipe(ZForgotPasswordRequestSchema)) body: ForgotPasswordRequest,
    @ClientAddress() ip?: string,
  ): Promise<ForgotPasswordResponse> {
    return this.passwords.forgot(body, ip);
  }

  /** Sets the password with the token of a set-password link (an invitation or a reset); signs out every device. */
  @Public()
  @Post('auth/password/reset')
  @HttpCode(204)
  resetPassword(
    @Body(new ZodValidationPipe(ZResetPasswordRequestSchema)) body: ResetPasswordRequest,
    @ClientAddress() ip?: string,
  ): Promise<void> {
    return this.passwords.reset(body, ip);
  }

  /** A first password for an account that has none (a patient who came in by a visit link). */
  @VisitLinkAllowed()
  @Post('auth/password/choose')
  @HttpCode(204)
  choosePassword(
    @Ctx() ctx: RequestContext,
    @Body(new ZodValidationPipe(ZChoosePasswordRequestSchema)) body: ChoosePasswordRequest,
  ): Promise<void> {
    return this.passwords.choose(ctx, body);
  }

  @VisitLinkAllowed()
  @Post('auth/logout')
  @HttpCode(204)
  logout(@Ctx() ctx: RequestContext): Promise<void> {
    return this.auth.signOut(ctx);
  }

  @VisitLinkAllowed()
  @Post('auth/signaling-ticket')
  @HttpCode(200)
  signalingTicket(@CurrentSession() session: AuthenticatedUser): SignalingTicketResponse {
    return this.auth.issueSignalingTicket(session);
  }

  @VisitLinkAllowed()
  @Get('me')
  me(@CurrentUser() user: AuthUser): UserResponse {
    return toUserResponse(user);
  }
}
