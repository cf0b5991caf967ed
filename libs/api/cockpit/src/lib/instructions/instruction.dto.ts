import { IsVersion, RequiredText } from '@crm/api/core';
import { INSTRUCTION_MAX_LENGTH, type InstructionAcknowledgeInput, type InstructionReplyInput } from '@crm/domain';
import { ApiProperty } from '@nestjs/swagger';

const INSTRUCTION = { zh: '批示', en: 'the instruction' };

/** POST /api/projects/:id/instructions/:instructionId/acknowledgement (已阅) */
export class InstructionAcknowledgeDto implements InstructionAcknowledgeInput {
  @ApiProperty({ minimum: 1 })
  @IsVersion(INSTRUCTION, 1)
  version!: number;
}

/** POST /api/projects/:id/instructions/:instructionId/replies */
export class InstructionReplyDto implements InstructionReplyInput {
  @ApiProperty({ maxLength: INSTRUCTION_MAX_LENGTH, example: '已阅。已与自然资源局对接，用地指标本月20日前报批。' })
  @RequiredText({ zh: '回复内容', en: 'The reply' }, INSTRUCTION_MAX_LENGTH)
  text!: string;

  @ApiProperty({ minimum: 1 })
  @IsVersion(INSTRUCTION, 1)
  version!: number;
}
