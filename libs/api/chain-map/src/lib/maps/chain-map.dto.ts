import { IsId, IsVersion, OptionalText, RequiredText } from '@crm/api/core';
import {
  CHAIN_LINK_KINDS,
  CHAIN_LINK_STATUSES,
  CHAIN_LINK_TIERS,
  TARGET_FIRM_TAGS,
  type ChainLinkKind,
  type ChainLinkStatus,
  type ChainLinkTier,
  type ChainMapInput,
  type ChainMapLinkInput,
  type ChainMapTargetInput,
  type TargetFirmTag,
} from '@crm/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsUUID, ValidateIf, ValidateNested } from 'class-validator';

const TAG_MESSAGE = '标签只能是央企、500强、上市、民营500强 / tags must be among central-soe, fortune-500, listed, private-500';

export class ChainMapTargetDto implements ChainMapTargetInput {
  @ApiProperty({ example: '中国长江三峡集团有限公司' })
  @RequiredText({ zh: '目标企业名称', en: 'target firm name' }, 200)
  name!: string;

  @ApiProperty({ enum: TARGET_FIRM_TAGS, isArray: true })
  @IsArray({ message: TAG_MESSAGE })
  @ArrayMaxSize(TARGET_FIRM_TAGS.length, { message: TAG_MESSAGE })
  @IsIn(TARGET_FIRM_TAGS, { each: true, message: TAG_MESSAGE })
  tags!: TargetFirmTag[];

  @ApiPropertyOptional({ nullable: true })
  @OptionalText({ zh: '备注', en: 'note' }, 500)
  note?: string | null;
}

export class ChainMapLinkDto implements ChainMapLinkInput {
  @ApiPropertyOptional({ description: 'An existing link kept (projects tagged with it stay tagged)' })
  @IsOptional()
  @IsId({ zh: '环节编号', en: 'link id' })
  id?: number;

  @ApiPropertyOptional({ nullable: true, description: 'The parent link’s name, for a sub-link' })
  @OptionalText({ zh: '上级环节', en: 'parent link' }, 60)
  parent?: string | null;

  @ApiProperty({ enum: CHAIN_LINK_TIERS })
  @IsIn(CHAIN_LINK_TIERS, { message: '位置应为上游、中游或下游 / tier must be upstream, midstream or downstream' })
  tier!: ChainLinkTier;

  @ApiProperty({ example: '风电装备制造' })
  @RequiredText({ zh: '环节名称', en: 'link name' }, 60)
  name!: string;

  @ApiProperty({ enum: CHAIN_LINK_STATUSES })
  @IsIn(CHAIN_LINK_STATUSES, { message: '环节状况应为强、弱或缺失 / status must be strong, weak or missing' })
  status!: ChainLinkStatus;

  @ApiPropertyOptional({ nullable: true })
  @OptionalText({ zh: '状况说明', en: 'status reason' }, 500)
  statusReason?: string | null;

  @ApiPropertyOptional({ enum: CHAIN_LINK_KINDS, nullable: true })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsIn(CHAIN_LINK_KINDS, { message: '招商方向应为强链、补链或延链 / kind must be strengthen, fill or extend' })
  kind?: ChainLinkKind | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: '草稿标记应为是或否 / draft must be true or false' })
  draft?: boolean;

  @ApiPropertyOptional({ nullable: true })
  @OptionalText({ zh: '方案原文', en: 'source quote' }, 2000)
  sourceQuote?: string | null;

  @ApiProperty({ type: [String], description: 'Local firms (enterprise ids) on the link' })
  @IsArray({ message: '本地企业应为列表 / firmIds must be a list' })
  @ArrayMaxSize(100, { message: '本地企业过多（至多100家） / At most 100 firms' })
  @IsUUID('all', { each: true, message: '本地企业应从企业库中选择 / firmIds must be enterprise ids' })
  firmIds!: string[];

  @ApiProperty({ type: [ChainMapTargetDto] })
  @IsArray({ message: '目标企业应为列表 / targets must be a list' })
  @ArrayMaxSize(100, { message: '目标企业过多（至多100家） / At most 100 targets' })
  @ValidateNested({ each: true })
  @Type(() => ChainMapTargetDto)
  targets!: ChainMapTargetDto[];
}

/** PUT /api/chain-maps/:code/:year */
export class ChainMapDto implements ChainMapInput {
  @ApiProperty({ example: 1, description: 'The version read; 0 to create the year’s map' })
  @IsVersion({ zh: '招商图谱', en: 'the map' })
  version!: number;

  @ApiProperty({ type: [ChainMapLinkDto] })
  @IsArray({ message: '环节应为列表 / links must be a list' })
  @ArrayMaxSize(200, { message: '环节过多（至多200个） / At most 200 links' })
  @ValidateNested({ each: true })
  @Type(() => ChainMapLinkDto)
  links!: ChainMapLinkDto[];
}
