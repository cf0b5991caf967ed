import { systemClock } from '@crm/domain';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AUTH_CLOCK } from './common/auth-clock';
import { SessionService } from './sessions/session.service';
import { SignInService } from './sign-in/sign-in.service';
import { FirstAdmin } from './users/first-admin';
import { UserController } from './users/user.controller';
import { User } from './users/user.entity';
import { UserService } from './users/user.service';

/**
 * Sign-in, sessions, users, and the guard that every route passes. AUTH_CLOCK says which day a
 * user's chains are read for (tests override it: createTestApp's authClock option).
 */
@Module({
  imports: [TypeOrmModule.forFeature([User])],
  controllers: [AuthController, UserController],
  providers: [
    { provide: AUTH_CLOCK, useValue: systemClock },
    SessionService,
    SignInService,
    UserService,
    FirstAdmin,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [SessionService, FirstAdmin],
})
export class AuthModule {}
