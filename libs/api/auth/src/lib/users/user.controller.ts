import { Allow, CurrentUser, type AuthUser } from '@crm/api/core';
import type { UserView } from '@crm/domain';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateUserDto, UpdateUserDto } from './user.dto';
import { UserService } from './user.service';

/** User administration: admins only. */
@ApiTags('用户 users')
@Controller('users')
export class UserController {
  constructor(private readonly users: UserService) {}

  /** Admins manage users; the office reads the list to filter the audit trail by user. */
  @Allow('admin', 'office')
  @Get()
  list(): Promise<UserView[]> {
    return this.users.list();
  }

  /** Answers the generated initial password once when none was given. */
  @Allow('admin')
  @Post()
  create(@CurrentUser() actor: AuthUser, @Body() input: CreateUserDto): Promise<{ user: UserView; initialPassword?: string }> {
    return this.users.create(actor, input);
  }

  @Allow('admin')
  @Patch(':id')
  update(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() input: UpdateUserDto,
  ): Promise<UserView> {
    return this.users.update(actor, id, input);
  }

  /** 结束登录: ends every session of the user, remembered devices included (audited). */
  @Allow('admin')
  @Post(':id/sessions/end')
  @HttpCode(200)
  endSessions(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<{ ended: number }> {
    return this.users.endSessions(actor, id);
  }

  @Allow('admin')
  @Post(':id/unlock')
  unlock(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<UserView> {
    return this.users.unlock(actor, id);
  }
}
