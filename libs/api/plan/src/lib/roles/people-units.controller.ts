import { Allow, CurrentUser, SignedIn, type AuthUser } from '@crm/api/core';
import type { PersonPostView } from '@crm/domain';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { idParam } from '../common/params';
import { PersonPostDto, UnitMergeDto } from './people-units.dto';
import { PeopleUnitsService } from './people-units.service';

/** 领导职务与单位合并: posts and merges from a date (office writes; everyone reads posts). */
@ApiTags('年度工作方案 plans')
@Controller('plans')
export class PeopleUnitsController {
  constructor(private readonly people: PeopleUnitsService) {}

  @SignedIn()
  @Get('people/:id/posts')
  posts(@Param('id') id: string): Promise<PersonPostView[]> {
    return this.people.posts(idParam(id));
  }

  @Allow('office')
  @Post('people/:id/posts')
  changePost(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: PersonPostDto): Promise<PersonPostView[]> {
    return this.people.changePost(user, idParam(id), body);
  }

  @Allow('office')
  @Post('units/:id/merge')
  @HttpCode(200)
  merge(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: UnitMergeDto) {
    return this.people.merge(user, idParam(id), body);
  }
}
