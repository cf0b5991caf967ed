import type {
  MonthlyReportDraftInput,
  MonthlyReportReturnInput,
  MonthlyReportVersionInput,
} from '@crm/domain';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, MaxLength, Min } from 'class-validator';

const trim = () =>
  Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
const NARRATIVE_MAX = 10_000;

function Narrative(label: { zh: string; en: string }) {
  return (target: object, key: string) => {
    trim()(target, key);
    IsString({ message: `${label.zh}应为文字 / ${label.en} must be text` })(
      target,
      key,
    );
    MaxLength(NARRATIVE_MAX, {
      message: `${label.zh}不超过${NARRATIVE_MAX}字 / ${label.en} is at most ${NARRATIVE_MAX} characters`,
    })(target, key);
  };
}

function Version() {
  return (target: object, key: string) => {
    IsInt({
      message: '请附上月报的版本号 / Send the version of the report you edited',
    })(target, key);
    Min(0, {
      message: '请附上月报的版本号 / Send the version of the report you edited',
    })(target, key);
  };
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
  @trim()
  @IsString({ message: '请填写退回意见 / Say what needs revising' })
  @IsNotEmpty({ message: '请填写退回意见 / Say what needs revising' })
  @MaxLength(2000, {
    message: '退回意见不超过2000字 / The comment is at most 2000 characters',
  })
  comment!: string;
}
