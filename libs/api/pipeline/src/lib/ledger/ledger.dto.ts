import {
  PROJECT_TEXT_LIMITS as L,
  type FundArrivalInput,
  type FundVerificationInput,
  type SupplementaryAgreementInput,
} from '@crm/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { IsCalendarDate, IsWan, IsYearMonth, OptionalText, RequiredText } from '@crm/api/core';

/** POST /api/projects/:id/agreements: a 补充协议 with its increment only. */
export class SupplementaryAgreementDto implements SupplementaryAgreementInput {
  @ApiProperty({ example: '5000', description: 'The increment, 万元' })
  @IsWan()
  amount!: string;

  @ApiProperty({ example: '2025-06-18' })
  @IsCalendarDate({ zh: '签约日期', en: 'The signing date' })
  signedOn!: string;

  @ApiProperty({ maxLength: L.agreementRef })
  @RequiredText({ zh: '协议编号', en: 'The agreement reference' }, L.agreementRef)
  agreementRef!: string;

  @ApiPropertyOptional({ nullable: true, maxLength: L.agreementNote })
  @OptionalText({ zh: '备注', en: 'The note' }, L.agreementNote)
  note?: string | null;
}

/** POST /api/projects/:id/fund-arrivals: one month's 到位资金 entry. */
export class FundArrivalDto implements FundArrivalInput {
  @ApiProperty({ example: '2025-06' })
  @IsYearMonth()
  month!: string;

  @ApiProperty({ example: '1200.5', description: '万元' })
  @IsWan()
  amount!: string;

  @ApiPropertyOptional({ nullable: true, maxLength: L.evidenceNote, description: '佐证材料说明' })
  @OptionalText({ zh: '佐证说明', en: 'The evidence note' }, L.evidenceNote)
  evidenceNote?: string | null;
}

/** PATCH /api/projects/:id/fund-arrivals/:entryId/verification */
export class FundVerificationDto implements FundVerificationInput {
  @ApiProperty()
  @IsBoolean({ message: '核实结果应为 true 或 false / verified must be true or false' })
  verified!: boolean;
}
