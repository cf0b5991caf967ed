import { authConfig, CurrentUser, Public, SignedIn, type AuthConfig, type AuthUser } from '@crm/api/core';
import type { CurrentUserView } from '@crm/domain';
import { Body, Controller, Get, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AllowedBeforePasswordChange } from './auth.guard';
import { ChangePasswordDto, SignInDto } from './auth.dto';
import { clearSessionCookies, setSessionCookies } from './sessions/session-cookies';
import { SessionService } from './sessions/session.service';
import { SignInService } from './sign-in/sign-in.service';
import { UserService } from './users/user.service';

@ApiTags('登录 auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly signIns: SignInService,
    private readonly sessions: SessionService,
    private readonly users: UserService,
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
  ) {}

  /** Sets the session cookie (httpOnly) and the CSRF cookie; answers who signed in. */
  @Public()
  @Post('sign-in')
  @HttpCode(200)
  async signIn(@Body() input: SignInDto, @Res({ passthrough: true }) res: Response): Promise<CurrentUserView> {
    const session = await this.signIns.signIn(input.username, input.password);
    setSessionCookies(res, session.token, session.csrfToken, this.config.cookieSecure);
    return this.users.currentUserView(session.userId);
  }

  @SignedIn()
  @AllowedBeforePasswordChange()
  @Post('sign-out')
  @HttpCode(204)
  async signOut(@CurrentUser() user: AuthUser, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.sessions.revoke(user.sessionId);
    clearSessionCookies(res);
  }

  @SignedIn()
  @AllowedBeforePasswordChange()
  @Get('me')
  me(@CurrentUser() user: AuthUser): Promise<CurrentUserView> {
    return this.users.currentUserView(user.id);
  }

  /** Other sessions of the user end (in the same transaction); this one stays. Rate-limited like sign-in. */
  @SignedIn()
  @AllowedBeforePasswordChange()
  @Post('password')
  @HttpCode(204)
  async changePassword(@CurrentUser() user: AuthUser, @Body() input: ChangePasswordDto): Promise<void> {
    await this.users.changeOwnPassword(user, input.currentPassword, input.newPassword);
  }
}
