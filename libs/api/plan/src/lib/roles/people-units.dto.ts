import { IsCalendarDate, IsId, RequiredText } from '@crm/api/core';
import type { PersonPostInput, UnitMergeInput } from '@crm/domain';
import { ApiProperty } from '@nestjs/swagger';

/** POST /api/plans/people/:id/posts */
export class PersonPostDto implements PersonPostInput {
  @ApiProperty({ example: '市委常委、常务副市长' })
  @RequiredText({ zh: '新职务', en: 'position' }, 200)
  position!: string;

  @ApiProperty({ example: '2026-07-01' })
  @IsCalendarDate({ zh: '任职日期', en: 'from' })
  from!: string;
}

/** POST /api/plans/units/:id/merge */
export class UnitMergeDto implements UnitMergeInput {
  @ApiProperty()
  @IsId({ zh: '并入的单位（请选择）', en: 'The unit it merges into' })
  intoUnitId!: number;

  @ApiProperty({ example: '2026-03-01' })
  @IsCalendarDate({ zh: '合并日期', en: 'on' })
  on!: string;
}
