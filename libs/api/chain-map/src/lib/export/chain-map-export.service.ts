import { addTableSheet, canReadChain, CLOCK, newWorkbook, readDocumentSettings, type AuthUser, type Clock, type ExportColumn } from '@crm/api/core';
import {
  CHAIN_LINK_KIND_LABELS,
  CHAIN_LINK_STATUS_LABELS,
  CHAIN_LINK_TIER_LABELS,
  documentDate,
  TARGET_FIRM_TAG_LABELS,
  type ChainLinkKind,
  type ChainLinkStatus,
  type ChainLinkTier,
  type TargetFirmTag,
} from '@crm/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

interface TargetRow {
  chain_id: number;
  chain: string;
  tier: ChainLinkTier;
  parent: string | null;
  link: string;
  status: ChainLinkStatus;
  kind: ChainLinkKind | null;
  name: string;
  tags: TargetFirmTag[];
  note: string | null;
}

const COLUMNS: ExportColumn<TargetRow>[] = [
  { header: '序号', kind: 'integer', width: 6, value: (_, i) => i + 1 },
  { header: '产业链', kind: 'text', width: 16, value: (r) => r.chain },
  { header: '位置', kind: 'text', width: 8, value: (r) => CHAIN_LINK_TIER_LABELS[r.tier] },
  { header: '环节', kind: 'text', width: 28, value: (r) => (r.parent ? `${r.parent} › ${r.link}` : r.link) },
  { header: '环节状况', kind: 'text', width: 10, value: (r) => CHAIN_LINK_STATUS_LABELS[r.status] },
  { header: '招商方向', kind: 'text', width: 10, value: (r) => (r.kind ? CHAIN_LINK_KIND_LABELS[r.kind] : '') },
  { header: '目标企业', kind: 'text', width: 36, value: (r) => r.name },
  { header: '企业标签', kind: 'text', width: 20, value: (r) => r.tags.map((t) => TARGET_FIRM_TAG_LABELS[t]).join('、') },
  { header: '备注', kind: 'text', width: 30, value: (r) => r.note },
];

/** 目标方向清单 from the maps: every target firm of the year's maps the user may read, chain by chain, link by link. */
@Injectable()
export class ChainMapExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async targets(user: AuthUser, year: number): Promise<Buffer> {
    const rows: TargetRow[] = await this.dataSource.query(
      `SELECT c.id AS chain_id, c.name_zh AS chain, l.tier, p.name AS parent, l.name AS link, l.status, l.kind,
              t.name, t.tags, t.note
       FROM chain_map m JOIN chain c ON c.id = m.chain_id
       JOIN chain_map_link l ON l.map_id = m.id
       LEFT JOIN chain_map_link p ON p.id = l.parent_id
       JOIN chain_map_target t ON t.link_id = l.id
       WHERE m.year = $1
       ORDER BY c.sort_order, l.sort_order, t.sort_order, t.id`,
      [year],
    );
    const { issuer } = await readDocumentSettings(this.dataSource.manager);
    const workbook = newWorkbook(this.clock.now());
    const sheet = addTableSheet(
      workbook,
      '目标方向清单',
      COLUMNS,
      rows.filter((r) => canReadChain(user, r.chain_id)),
      `${year}年招商图谱目标方向清单（目标企业）`,
      `${issuer}\u3000${documentDate(this.clock.now())}`,
    );
    for (const col of [4, 7, 9]) sheet.getColumn(col).alignment = { wrapText: true, vertical: 'top' };
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
}
