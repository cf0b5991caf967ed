import { Allow, CurrentUser, SignedIn, type AuthUser } from '@crm/api/core';
import type { InstructionView } from '@crm/domain';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { InstructionDto } from '../cockpit.dto';
import { InstructionAcknowledgeDto, InstructionReplyDto } from './instruction.dto';
import { InstructionService } from './instruction.service';

const uuid = new ParseUUIDPipe();

@ApiTags('领导批示 instructions')
@Controller('projects/:id/instructions')
export class InstructionController {
  constructor(private readonly instructions: InstructionService) {}

  /** The project's instructions with their threads, latest first: for whoever may read the project. */
  @SignedIn()
  @Get()
  @ApiOkResponse({ description: 'InstructionView[]' })
  @ApiNotFoundResponse({ description: 'No such project, or one the user may not read' })
  list(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<InstructionView[]> {
    return this.instructions.list(user, id);
  }

  /**
   * The project page was opened: for the project's owner, the instructions not read yet become read
   * (idempotent). Answers the list as GET does.
   */
  @SignedIn()
  @Post('opened')
  @HttpCode(200)
  @ApiOkResponse({ description: 'InstructionView[]' })
  @ApiNotFoundResponse({ description: 'No such project, or one the user may not read' })
  opened(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<InstructionView[]> {
    return this.instructions.opened(user, id);
  }

  /** A leader of the project's chain writes a 批示; the project's owner is notified. */
  @Allow('leader')
  @Post()
  @ApiCreatedResponse({ description: 'InstructionView' })
  @ApiForbiddenResponse({ description: 'Not a leader of the project’s chain' })
  create(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Body() body: InstructionDto,
  ): Promise<InstructionView> {
    return this.instructions.create(user, id, body.text);
  }

  /** 已阅: the project's owner or the chain's staff acknowledge it. */
  @SignedIn()
  @Post(':instructionId/acknowledgement')
  @HttpCode(200)
  @ApiOkResponse({ description: 'InstructionView' })
  @ApiForbiddenResponse({ description: 'Neither the project’s owner nor the chain’s staff' })
  @ApiNotFoundResponse({ description: 'No such project or instruction, or a project the user may not read' })
  @ApiConflictResponse({ description: 'A stale version; the body carries the instruction as it is now' })
  acknowledge(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Param('instructionId', uuid) instructionId: string,
    @Body() body: InstructionAcknowledgeDto,
  ): Promise<InstructionView> {
    return this.instructions.acknowledge(user, id, instructionId, body.version);
  }

  /** A reply in the thread: to the leader who wrote it, or (a leader's follow-up) to the project's owner. */
  @SignedIn()
  @Post(':instructionId/replies')
  @ApiCreatedResponse({ description: 'InstructionView' })
  @ApiForbiddenResponse({ description: 'Neither the project’s owner, the chain’s staff nor one of its leaders' })
  @ApiNotFoundResponse({ description: 'No such project or instruction, or a project the user may not read' })
  @ApiConflictResponse({ description: 'A stale version; the body carries the instruction as it is now' })
  reply(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Param('instructionId', uuid) instructionId: string,
    @Body() body: InstructionReplyDto,
  ): Promise<InstructionView> {
    return this.instructions.reply(user, id, instructionId, body.text, body.version);
  }
}
