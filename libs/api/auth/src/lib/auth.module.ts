import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { SessionService } from './sessions/session.service';
import { SignInService } from './sign-in/sign-in.service';
import { FirstAdmin } from './users/first-admin';
import { UserController } from './users/user.controller';
import { User } from './users/user.entity';
import { UserService } from './users/user.service';

/**
 * Sign-in, sessions, users, and the guard that every route passes. The one CLOCK (of @crm/api/core) says which day a
 * user's chains are read for (tests set it with createTestApp's clock option).
 */
@Module({
  imports: [TypeOrmModule.forFeature([User])],
  controllers: [AuthController, UserController],
  providers: [
    SessionService,
    SignInService,
    UserService,
    FirstAdmin,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [SessionService, FirstAdmin],
})
export class AuthModule {}
