import { Allow, CurrentUser, SignedIn, type AuthUser } from '@crm/api/core';
import type { GuaranteeQueueView, GuaranteeRequestView, ProjectGuaranteesView } from '@crm/domain';
import { BadRequestException, Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { GuaranteeAnswerDto, GuaranteeDueDateDto, GuaranteeRequestDto } from './guarantee-request.dto';
import { GuaranteeRequestService } from './guarantee-request.service';

const uuid = new ParseUUIDPipe();

/** A project's 要素保障 needs: read by the project's readers, sent by the staff serving its chain. */
@ApiTags('要素保障 resource requests')
@Controller('projects/:id/guarantee-requests')
export class ProjectGuaranteeController {
  constructor(private readonly requests: GuaranteeRequestService) {}

  @SignedIn()
  @Get()
  list(@CurrentUser() user: AuthUser, @Param('id', uuid) projectId: string): Promise<ProjectGuaranteesView> {
    return this.requests.forProject(user, projectId);
  }

  @Allow('staff')
  @Post()
  create(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) projectId: string,
    @Body() input: GuaranteeRequestDto,
  ): Promise<GuaranteeRequestView> {
    return this.requests.create(user, projectId, input);
  }

  @Allow('staff')
  @Patch(':requestId')
  @ApiConflictResponse({ description: 'Stale version' })
  changeDueDate(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) projectId: string,
    @Param('requestId') requestId: string,
    @Body() input: GuaranteeDueDateDto,
  ): Promise<GuaranteeRequestView> {
    return this.requests.changeDueDate(user, projectId, requestId, input);
  }
}

/** 要素保障办理: the bureau's queue and its answers; a request not addressed to the reader's unit does not exist for them. */
@ApiTags('要素保障 resource requests')
@Controller('guarantee-requests')
export class GuaranteeQueueController {
  constructor(private readonly requests: GuaranteeRequestService) {}

  @Allow('staff')
  @Get('queue')
  queue(@CurrentUser() user: AuthUser, @Query('filter') filter?: string): Promise<GuaranteeQueueView> {
    if (filter !== undefined && filter !== 'open' && filter !== 'all') {
      const message = '筛选应为 open（未办结）或 all（全部）/ filter must be open or all';
      throw new BadRequestException({ statusCode: 400, message, errors: { filter: [message] } });
    }
    return this.requests.queue(user, filter === 'all' ? 'all' : 'open');
  }

  @SignedIn()
  @Get(':id')
  @ApiNotFoundResponse({ description: 'Neither addressed to the reader’s unit nor of a project they read' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<GuaranteeRequestView> {
    return this.requests.get(user, id);
  }

  @Allow('staff')
  @Post(':id/answers')
  @HttpCode(200)
  @ApiNotFoundResponse({ description: 'Not addressed to the reader’s unit' })
  @ApiConflictResponse({ description: 'Stale version' })
  answer(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() input: GuaranteeAnswerDto): Promise<GuaranteeRequestView> {
    return this.requests.answer(user, id, input);
  }
}
