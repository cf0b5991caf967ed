import { authConfig, CurrentUser, Public, SignedIn, type AuthConfig, type AuthUser } from '@crm/api/core';
import type { CurrentUserView, RememberedDeviceView } from '@crm/domain';
import { Body, Controller, Delete, Get, Headers, HttpCode, Inject, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
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
  async signIn(
    @Body() input: SignInDto,
    @Headers('user-agent') userAgent: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CurrentUserView> {
    const session = await this.signIns.signIn(input.username, input.password, {
      remember: input.remember,
      userAgent: userAgent ?? null,
    });
    setSessionCookies(res, session.token, session.csrfToken, this.config.cookieSecure, session.rememberedUntil);
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

  /** 记住的设备: the user's remembered sessions (记住此设备), this one marked. */
  @SignedIn()
  @Get('remembered-devices')
  rememberedDevices(@CurrentUser() user: AuthUser): Promise<RememberedDeviceView[]> {
    return this.sessions.remembered(user);
  }

  /** 移除: ends one of the user's remembered sessions (audited); removing this one signs out here. */
  @SignedIn()
  @Delete('remembered-devices/:id')
  @HttpCode(204)
  async forgetDevice(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    const current = (await this.sessions.remembered(user)).find((d) => d.current);
    await this.sessions.forget(user, id);
    if (current?.id === id) clearSessionCookies(res);
  }
}
