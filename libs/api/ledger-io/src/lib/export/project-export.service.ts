import { addTableSheet, readDocumentSettings, type AuthUser, CLOCK, type Clock, newWorkbook } from '@crm/api/core';
import { ListProjectsDto, ProjectListService } from '@crm/api/pipeline';
import { documentDate, shanghaiToday, type ProjectSummaryView, type SiteDocumentKind } from '@crm/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PROJECT_EXPORT_COLUMNS, type ProjectLedgerRow } from './project-ledger-columns';

const PAGE = 200;

interface FactsRow {
  id: string;
  chain_name: string;
  credit_code: string | null;
  source_channel: ProjectLedgerRow['sourceChannel'];
  funds_in_place: string;
  signed_on: string | null;
  agreement_ref: string | null;
  land_parcel: string | null;
  land_area_mu: string | null;
  land_approval_ref: string | null;
  land_approved_on: string | null;
  site_document_kind: SiteDocumentKind | null;
  site_document_ref: string | null;
  site_document_on: string | null;
  plant_area_sqm: string | null;
  construction_started_on: string | null;
  construction_permit_ref: string | null;
  completed_on: string | null;
  location: string | null;
  industry: string | null;
  event_name: string | null;
}

/**
 * Project lists to .xlsx. The rows are exactly those GET /api/projects answers for the same filters
 * and user (the pipeline's own list query, paged through to the end), in the same order.
 */
@Injectable()
export class ProjectExportService {
  constructor(
    private readonly list: ProjectListService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Every project the list shows for these filters, with the facts the ledger adds. */
  async rows(user: AuthUser, query: ListProjectsDto): Promise<ProjectLedgerRow[]> {
    const page: ListProjectsDto = Object.assign(new ListProjectsDto(), query, { limit: PAGE, cursor: undefined });
    const today = shanghaiToday(this.clock.now());
    const summaries: ProjectSummaryView[] = [];
    for (;;) {
      const result = await this.list.list(user, page, today);
      summaries.push(...result.items);
      if (!result.nextCursor) break;
      page.cursor = result.nextCursor;
    }
    const facts = new Map<string, FactsRow>();
    for (let i = 0; i < summaries.length; i += 1000) {
      const ids = summaries.slice(i, i + 1000).map((s) => s.id);
      const rows: FactsRow[] = await this.dataSource.query(
        `SELECT p.id, c.name_zh AS chain_name, e.credit_code, p.source_channel,
                p.funds_in_place::text, p.signed_on::text, p.agreement_ref, p.land_parcel, p.land_area_mu::text,
                p.land_approval_ref, p.land_approved_on::text, p.construction_started_on::text,
                p.site_document_kind, p.site_document_ref, p.site_document_on::text, p.plant_area_sqm::text,
                p.construction_permit_ref, p.completed_on::text, p.location, p.industry, pe.name AS event_name
         FROM project p JOIN chain c ON c.id = p.chain_id LEFT JOIN enterprise e ON e.id = p.enterprise_id
         LEFT JOIN promotion_event pe ON pe.id = p.event_id
         WHERE p.id = ANY ($1::uuid[])`,
        [ids],
      );
      for (const row of rows) facts.set(row.id, row);
    }
    return summaries.map((s) => toLedgerRow(s, facts.get(s.id) as FactsRow));
  }

  async projectList(user: AuthUser, query: ListProjectsDto): Promise<Buffer> {
    const workbook = newWorkbook(this.clock.now());
    addTableSheet(workbook, '招商项目', PROJECT_EXPORT_COLUMNS, await this.rows(user, query));
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  /**
   * 《重点项目动态管理表》 (the first of the 三张清单): every project still pursued (推进中 and 暂缓)
   * of the chains the user reads, by chain in the plan's order, major projects first, then by amount.
   */
  async keyProjects(user: AuthUser, year: number): Promise<Buffer> {
    const query = Object.assign(new ListProjectsDto(), { status: ['active', 'paused'], sort: 'amount', order: 'desc' });
    const rows = await this.rows(user, query);
    const order = new Map<string, number>();
    const chains = await this.dataSource.query(`SELECT name_zh, sort_order FROM chain`);
    for (const c of chains as { name_zh: string; sort_order: number }[]) order.set(c.name_zh, c.sort_order);
    rows.sort(
      (a, b) =>
        (order.get(a.chainName) ?? 0) - (order.get(b.chainName) ?? 0) || Number(b.major) - Number(a.major),
    );
    const now = this.clock.now();
    const { issuer } = await readDocumentSettings(this.dataSource.manager);
    const workbook = newWorkbook(now);
    addTableSheet(workbook, '重点项目动态管理表', PROJECT_EXPORT_COLUMNS, rows, `${year}年招商引资重点项目动态管理表`, `${issuer}\u3000${documentDate(now)}`);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
}

function toLedgerRow(s: ProjectSummaryView, f: FactsRow): ProjectLedgerRow {
  return {
    id: s.id,
    name: s.name,
    chainName: f.chain_name,
    investorName: s.investor.name,
    creditCode: f.credit_code,
    stage: s.stage,
    status: s.status,
    sourceChannel: f.source_channel,
    unitName: s.responsibleUnit.name,
    ownerName: s.owner.displayName,
    plannedInvestment: s.plannedInvestment,
    signedAmount: s.signedAmount,
    fundsInPlace: f.funds_in_place,
    signedOn: f.signed_on,
    agreementRef: f.agreement_ref,
    landParcel: f.land_parcel,
    landAreaMu: f.land_area_mu,
    landApprovalRef: f.land_approval_ref,
    landApprovedOn: f.land_approved_on,
    landRoute: s.landRoute ?? null,
    siteDocumentKind: f.site_document_kind,
    siteDocumentRef: f.site_document_ref,
    siteDocumentOn: f.site_document_on,
    plantAreaSqm: f.plant_area_sqm,
    constructionStartedOn: f.construction_started_on,
    constructionPermitRef: f.construction_permit_ref,
    completedOn: f.completed_on,
    location: f.location,
    industry: f.industry,
    eventName: f.event_name,
    major: s.major,
    lastActivityOn: s.lastActivityOn,
  };
}
