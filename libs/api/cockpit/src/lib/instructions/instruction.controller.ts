import { Allow, CurrentUser, SignedIn, type AuthUser } from '@crm/api/core';
import type { InstructionView } from '@crm/domain';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InstructionDto } from '../cockpit.dto';
import { InstructionService } from './instruction.service';

const uuid = new ParseUUIDPipe();

@ApiTags('领导批示 instructions')
@Controller('projects/:id/instructions')
export class InstructionController {
  constructor(private readonly instructions: InstructionService) {}

  /** The project's instructions, latest first: for whoever may read the project. */
  @SignedIn()
  @Get()
  @ApiOkResponse({ description: 'InstructionView[]' })
  @ApiNotFoundResponse({ description: 'No such project, or one the user may not read' })
  list(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<InstructionView[]> {
    return this.instructions.list(user, id);
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
}
