import { Allow, CurrentUser, SignedIn, type AuthUser } from '@crm/api/core';
import { isCalendarDate, isChainCode, type ChainCode, type ChainRoleView } from '@crm/domain';
import { BadRequestException, Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { idParam } from '../common/params';
import { ChainRoleDto, ChainRoleEndDto, UnitRenameDto } from './chain-role.dto';
import { ChainRoleService } from './chain-role.service';

/** 人员与单位任职: the chains' roles over dates (office keeps them; everyone reads). */
@ApiTags('年度工作方案 plans')
@Controller('plans')
export class ChainRoleController {
  constructor(private readonly roles: ChainRoleService) {}

  @SignedIn()
  @Get('roles')
  list(@Query('chain') chain?: string, @Query('on') on?: string): Promise<ChainRoleView[]> {
    if (chain !== undefined && !isChainCode(chain)) throw badQuery('chain', '未知的产业链代码', 'Unknown chain code');
    if (on !== undefined && !isCalendarDate(on)) throw badQuery('on', '日期应为 YYYY-MM-DD', 'on must be a date written YYYY-MM-DD');
    // Checked above (spelled out: the API's spec build narrows without strictNullChecks).
    return this.roles.list(chain as ChainCode | undefined, on);
  }

  @Allow('office')
  @Post('roles')
  add(@CurrentUser() user: AuthUser, @Body() body: ChainRoleDto): Promise<ChainRoleView> {
    return this.roles.add(user, body);
  }

  @Allow('office')
  @Patch('roles/:kind/:id')
  end(@CurrentUser() user: AuthUser, @Param('kind') kind: string, @Param('id') id: string, @Body() body: ChainRoleEndDto) {
    if (kind !== 'leader' && kind !== 'unit') throw badQuery('kind', '类别应为 leader 或 unit', 'kind must be leader or unit');
    return this.roles.end(user, kind, idParam(id), body);
  }

  @Allow('office')
  @Post('units/:id/rename')
  rename(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: UnitRenameDto) {
    return this.roles.renameUnit(user, idParam(id), body);
  }
}

function badQuery(field: string, zh: string, en: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, message: `${zh} / ${en}`, errors: { [field]: [`${zh} / ${en}`] } });
}
