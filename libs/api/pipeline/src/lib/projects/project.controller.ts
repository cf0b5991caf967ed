import { Allow, CurrentUser, SignedIn, type AuthUser } from '@crm/api/core';
import type { ProjectDetailView, ProjectPage, ProjectView } from '@crm/domain';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { StageMoveDto } from '../stages/stage-move.dto';
import { StageMoveService } from '../stages/stage-move.service';
import { CreateProjectDto, ListProjectsDto, ProjectStatusDto, UpdateProjectDto } from './project.dto';
import { ProjectDetailService } from './project-detail.service';
import { ProjectListService } from './project-list.service';
import { ProjectService } from './project.service';

const uuid = new ParseUUIDPipe();

@ApiTags('招商项目 projects')
@Controller('projects')
export class ProjectController {
  constructor(
    private readonly projects: ProjectService,
    private readonly list: ProjectListService,
    private readonly details: ProjectDetailService,
    private readonly stages: StageMoveService,
  ) {}

  /** Projects of the chains the user may read, filtered, searched, sorted, keyset-paged. */
  @SignedIn()
  @Get()
  @ApiOkResponse({ description: 'ProjectPage' })
  find(@CurrentUser() user: AuthUser, @Query() query: ListProjectsDto): Promise<ProjectPage> {
    return this.list.list(user, query);
  }

  /** A new lead (信息收集) of a chain the user's unit serves. */
  @Allow('staff')
  @Post()
  @ApiForbiddenResponse({ description: "Not staff, or the chain is not one the user's unit serves" })
  create(@CurrentUser() user: AuthUser, @Body() input: CreateProjectDto): Promise<ProjectView> {
    return this.projects.create(user, input);
  }

  /** The project with its evaluations, ledger, history, time in stage and timeline. */
  @SignedIn()
  @Get(':id')
  @ApiOkResponse({ description: 'ProjectDetailView' })
  @ApiNotFoundResponse({ description: 'Unknown, or of a chain the user may not read' })
  detail(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<ProjectDetailView> {
    return this.details.detail(user, id);
  }

  @Allow('staff')
  @Patch(':id')
  @ApiConflictResponse({ description: 'Stale version: StaleVersionBody with the current project' })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Body() input: UpdateProjectDto,
  ): Promise<ProjectView> {
    return this.projects.update(user, id, input);
  }

  /** 暂缓 / 终止 (with a reason) or back to 推进中. */
  @Allow('staff')
  @Post(':id/status')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'Stale version' })
  @ApiUnprocessableEntityResponse({ description: 'RuleRefusalBody: e.g. no reason to drop' })
  changeStatus(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Body() input: ProjectStatusDto,
  ): Promise<ProjectView> {
    return this.projects.changeStatus(user, id, input);
  }

  /** Moves the project to another stage through the stage gate (forward) or with a reason (back). */
  @Allow('staff')
  @Post(':id/stage-moves')
  @ApiConflictResponse({ description: 'Stale version' })
  @ApiUnprocessableEntityResponse({ description: 'RuleRefusalBody: what the target stage still needs' })
  move(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Body() input: StageMoveDto,
  ): Promise<ProjectView> {
    return this.stages.move(user, id, input);
  }
}
