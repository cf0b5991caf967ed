import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional } from 'class-validator';

/** POST /api/ledger/imports/:id/commit: what the office chooses when confirming an import. */
export class CommitImportDto {
  @ApiPropertyOptional({
    description:
      'The default 项目负责人 of new projects whose row names none, per chain code (a staff user of a unit serving the chain), e.g. {"clean-energy": "<user id>"}',
    type: 'object',
    additionalProperties: { type: 'string', format: 'uuid' },
  })
  @IsOptional()
  @IsObject({ message: '默认负责人应为“产业链 → 用户”的对应表 / defaultOwners must map chain codes to user ids' })
  defaultOwners?: Record<string, string>;
}
