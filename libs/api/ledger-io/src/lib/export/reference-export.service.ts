import { addTableSheet, readDocumentSettings, type AuthUser, CLOCK, type Clock, type ExportColumn, newWorkbook } from '@crm/api/core';
import { ChainService, EnterpriseService } from '@crm/api/reference';
import { documentDate, ENTERPRISE_TAG_LABELS, OWNERSHIP_LABELS, shanghaiToday, type ChainView, type EnterpriseView, type PersonView } from '@crm/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

const person = (p: PersonView | null) => (p ? `${p.name}（${p.position}）` : '');
const lines = (items: string[]) => items.join('\n');

export const ENTERPRISE_EXPORT_COLUMNS: readonly ExportColumn<EnterpriseView>[] = [
  { header: '序号', kind: 'integer', width: 6, value: (_, i) => i + 1 },
  { header: '企业名称', kind: 'text', width: 36, value: (e) => e.name },
  { header: '统一社会信用代码', kind: 'text', width: 22, value: (e) => e.creditCode },
  { header: '所有制', kind: 'text', width: 12, value: (e) => (e.ownership ? OWNERSHIP_LABELS[e.ownership] : null) },
  { header: '企业标签', kind: 'text', width: 24, value: (e) => e.tags.map((t) => ENTERPRISE_TAG_LABELS[t]).join('、') },
  { header: '所在地区', kind: 'text', width: 16, value: (e) => e.region },
];

/**
 * The enterprise library and two of the 三张清单 from the reference data: the target-direction list
 * (招商方向、工作目标、重点任务 per chain) and the responsibility table (包联领导、责任领导、责任单位、
 * 配合单位、链主企业 per chain). Chain lists show only the chains the user may read.
 */
@Injectable()
export class ReferenceExportService {
  constructor(
    private readonly chains: ChainService,
    private readonly enterprises: EnterpriseService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The clock's Shanghai day. */
  today(): string {
    return shanghaiToday(this.clock.now());
  }

  /** The library as GET /api/enterprises?q= finds it, every page. */
  async enterpriseRows(q?: string): Promise<EnterpriseView[]> {
    const rows: EnterpriseView[] = [];
    for (let offset = 0; ; offset += 200) {
      const page = await this.enterprises.search({ q, limit: 200, offset });
      rows.push(...page.items);
      if (page.items.length < 200) return rows;
    }
  }

  async enterpriseList(q?: string): Promise<Buffer> {
    const workbook = newWorkbook(this.clock.now());
    addTableSheet(workbook, '企业库', ENTERPRISE_EXPORT_COLUMNS, await this.enterpriseRows(q));
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  /** The line under a list's title: the issuing body and the day it was made. */
  private async byLine(): Promise<string> {
    const { issuer } = await readDocumentSettings(this.dataSource.manager);
    return `${issuer}\u3000${documentDate(this.clock.now())}`;
  }

  /** The import template's drop-downs: the chains in their order, the units not merged into another. */
  async templateChoices(): Promise<{ chains: string[]; units: string[] }> {
    const chains: { name_zh: string }[] = await this.dataSource.query(`SELECT name_zh FROM chain ORDER BY sort_order, id`);
    const units: { name: string }[] = await this.dataSource.query(
      `SELECT name FROM unit WHERE merged_into_id IS NULL ORDER BY kind, name`,
    );
    return { chains: chains.map((c) => c.name_zh), units: units.map((u) => u.name) };
  }

  /** The chains the user may read, as on a date (that day's leaders and units, that year's key tasks). */
  async readableChains(user: AuthUser, on: string): Promise<ChainView[]> {
    const ids: { id: number; code: string }[] = await this.dataSource.query(`SELECT id, code FROM chain`);
    const readable = new Set(ids.filter((c) => user.allChains || user.chainIds.includes(c.id)).map((c) => c.code));
    return (await this.chains.findAll(on)).filter((c) => readable.has(c.code));
  }

  /** 《目标方向清单》: per chain, its direction, the year's targets and its key tasks with their units. */
  async targetDirections(user: AuthUser, year: number): Promise<Buffer> {
    // The year's key tasks, with the roles held at its end (or today, in the current year).
    const today = this.today();
    const chains = await this.readableChains(user, today.startsWith(`${year}-`) ? today : `${year}-12-31`);
    const target = (c: ChainView) => c.targets.find((t) => t.year === year) ?? null;
    const tasks = (c: ChainView) => c.keyTasks;
    const columns: ExportColumn<ChainView>[] = [
      { header: '序号', kind: 'integer', width: 6, value: (_, i) => i + 1 },
      { header: '产业链', kind: 'text', width: 16, value: (c) => c.nameZh },
      { header: '招商方向', kind: 'text', width: 60, value: (c) => c.direction },
      { header: '签约金额目标（万元）', kind: 'amount', value: (c) => target(c)?.signedAmount },
      { header: '大项目门槛（万元）', kind: 'amount', value: (c) => target(c)?.bigProjectThreshold },
      { header: '大项目个数目标', kind: 'integer', value: (c) => target(c)?.bigProjectMinCount },
      { header: '到位资金目标（万元）', kind: 'amount', value: (c) => target(c)?.fundsInPlace },
      { header: '重点任务', kind: 'text', width: 80, value: (c) => lines(tasks(c).map((k) => `${k.seq}. ${k.text}`)) },
      {
        header: '重点任务责任单位',
        kind: 'text',
        width: 40,
        value: (c) => lines(tasks(c).map((k) => `${k.seq}. ${k.units.map((u) => u.name).join('、')}`)),
      },
    ];
    const workbook = newWorkbook(this.clock.now());
    const sheet = addTableSheet(workbook, '目标方向清单', columns, chains, `${year}年招商引资目标方向清单`, await this.byLine());
    sheet.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
    sheet.getColumn(8).alignment = { wrapText: true, vertical: 'top' };
    sheet.getColumn(9).alignment = { wrapText: true, vertical: 'top' };
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  /** 《责任分工表》: chain × 包联领导 × 责任领导 × 责任单位 × 配合单位 × 链主企业, as on a day of the year. */
  async responsibilities(user: AuthUser, year: number): Promise<Buffer> {
    const today = this.today();
    const chains = await this.readableChains(user, today.startsWith(`${year}-`) ? today : `${year}-12-31`);
    const columns: ExportColumn<ChainView>[] = [
      { header: '序号', kind: 'integer', width: 6, value: (_, i) => i + 1 },
      { header: '产业链', kind: 'text', width: 16, value: (c) => c.nameZh },
      { header: '类别', kind: 'text', width: 8, value: (c) => (c.kind === 'leading' ? '主导产业' : '特色产业') },
      { header: '包联领导', kind: 'text', width: 30, value: (c) => person(c.liaisonLeader) },
      { header: '责任领导', kind: 'text', width: 40, value: (c) => lines(c.responsibleLeaders.map(person)) },
      {
        header: '责任单位',
        kind: 'text',
        width: 30,
        value: (c) => lines(c.responsibleUnits.map((u) => (u.isLead ? `${u.unit.name}（牵头）` : u.unit.name))),
      },
      { header: '配合单位', kind: 'text', width: 30, value: (c) => lines(c.cooperatingUnits.map((u) => u.unit.name)) },
      { header: '链主企业', kind: 'text', width: 36, value: (c) => lines(c.anchorFirms.map((e) => e.name)) },
    ];
    const workbook = newWorkbook(this.clock.now());
    const sheet = addTableSheet(workbook, '责任分工表', columns, chains, `${year}年招商引资责任分工表`, await this.byLine());
    for (let i = 4; i <= 8; i++) sheet.getColumn(i).alignment = { wrapText: true, vertical: 'top' };
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
}
