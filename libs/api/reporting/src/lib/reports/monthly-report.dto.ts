import type {
  MonthlyReportDraftInput,
  MonthlyReportReturnInput,
  MonthlyReportVersionInput,
} from '@crm/domain';
import { IsText, IsVersion, RequiredText } from '@crm/api/core';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';

const trim = () =>
  Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
const NARRATIVE_MAX = 10_000;

function Narrative(label: { zh: string; en: string }) {
  return (target: object, key: string) => {
    trim()(target, key);
    IsText(label, { max: NARRATIVE_MAX })(target, key);
  };
}

function Version() {
  return IsVersion({ zh: '月报', en: 'the report' }, 0);
}

export class MonthlyReportVersionDto implements MonthlyReportVersionInput {
  @ApiProperty({
    description: 'The version read (0 for a report not yet saved)',
  })
  @Version()
  version!: number;
}

/** PUT /api/monthly-reports/mine/:period */
export class MonthlyReportDraftDto
  extends MonthlyReportVersionDto
  implements MonthlyReportDraftInput
{
  @ApiProperty({ description: '工作开展情况' })
  @Narrative({ zh: '工作开展情况', en: 'The work done' })
  workDone!: string;

  @ApiProperty({ description: '需协调解决的问题' })
  @Narrative({
    zh: '需协调解决的问题',
    en: 'The problems needing coordination',
  })
  problems!: string;

  @ApiProperty({ description: '下月工作计划' })
  @Narrative({ zh: '下月工作计划', en: "Next month's plan" })
  nextMonthPlan!: string;
}

/** POST /api/monthly-reports/:id/return */
export class MonthlyReportReturnDto
  extends MonthlyReportVersionDto
  implements MonthlyReportReturnInput
{
  @ApiProperty({ maxLength: 2000, description: '退回意见' })
  @RequiredText({ zh: '退回意见', en: 'The comment' }, 2000)
  comment!: string;
}
