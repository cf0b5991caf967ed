import { preparedQuery, type AuthUser } from '@crm/api/core';
import type {
  ActivityContactRef,
  EnterpriseGroupMember,
  EnterpriseMergeView,
  EnterpriseOverview,
  OverviewActivity,
  OverviewAgreement,
  OverviewEvent,
  OverviewFundArrival,
  OverviewProject,
} from '@crm/domain';
import { ACTIVITY_KIND_LABELS, STAGE_LABELS } from '@crm/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CONTACT_SELECT,
  contactVisibleSql,
  projectReadableSql,
  READER,
  readerParams,
  toContactView,
  type ContactRow,
} from '../contacts/contact.rows';
import { EnterpriseService } from './enterprise.service';

/** How many of the newest activities the page shows (the project page has them all). */
const ACTIVITY_LIMIT = 200;

/** The firm's whole group (SQL enterprise_group: its top parent and every firm under it). */
export async function enterpriseGroupIds(
  manager: EntityManager,
  id: string,
): Promise<string[]> {
  const rows = await preparedQuery<{ id: string }>(
    manager,
    `SELECT g AS id FROM enterprise_group($1) g`,
    [id],
  );
  return rows.map((r) => r.id);
}

/**
 * 企业全景 (issue 20 §2): every project, activity, contact, agreement and fund arrival of a firm and
 * of its group, across chains and years, within what the reader may see (projects of chains they
 * may read; contacts by the contacts' rule). Projects hidden from the reader are only counted.
 */
@Injectable()
export class EnterpriseOverviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly enterprises: EnterpriseService,
  ) {}

  async overview(user: AuthUser, id: string): Promise<EnterpriseOverview> {
    const enterprise = await this.enterprises.findById(id);
    const m = this.dataSource.manager;
    const group = await enterpriseGroupIds(m, id);
    const reader = readerParams(user);
    const members = await preparedQuery<
      EnterpriseGroupMember & { parentId: string | null }
    >(
      m,
      `SELECT id, name, rtrim(credit_code) AS "creditCode", parent_enterprise_id AS "parentId" FROM enterprise WHERE id = ANY ($1::uuid[])`,
      [group],
    );
    const member = (
      e: EnterpriseGroupMember & { parentId: string | null },
    ): EnterpriseGroupMember => ({
      id: e.id,
      name: e.name,
      creditCode: e.creditCode,
    });
    const parentRow = members.find(
      (e) => e.id === enterprise.parentEnterpriseId,
    );
    const subsidiaries = members
      .filter((e) => e.parentId === id)
      .map(member)
      .sort((a, b) => a.name.localeCompare(b.name, 'zh'));

    const projectRows = await preparedQuery<
      OverviewProject & { readable: boolean }
    >(
      m,
      `SELECT p.id, p.name, p.enterprise_id AS "enterpriseId", e.name AS "enterpriseName", c.code AS "chainCode",
              c.name_zh AS "chainName", u.name AS "unitName", o.display_name AS "ownerName", p.stage, p.status,
              p.planned_investment::text AS "plannedInvestment", p.signed_amount::text AS "signedAmount",
              p.funds_in_place::text AS "fundsInPlace", p.created_at AS "createdAt",
              ${projectReadableSql('p', { all: '$1', chains: '$2', user: '' })} AS readable
       FROM project p JOIN enterprise e ON e.id = p.enterprise_id JOIN chain c ON c.id = p.chain_id
       JOIN unit u ON u.id = p.responsible_unit_id JOIN app_user o ON o.id = p.owner_id
       WHERE p.enterprise_id = ANY ($3::uuid[])
       ORDER BY p.created_at DESC, p.id`,
      [user.allChains, user.chainIds, group],
    );
    const projects: OverviewProject[] = projectRows
      .filter((p) => p.readable)
      .map((p) => ({
        id: p.id,
        name: p.name,
        enterpriseId: p.enterpriseId,
        enterpriseName: p.enterpriseName,
        chainCode: p.chainCode,
        chainName: p.chainName,
        unitName: p.unitName,
        ownerName: p.ownerName,
        stage: p.stage,
        status: p.status,
        plannedInvestment: p.plannedInvestment,
        signedAmount: p.signedAmount,
        fundsInPlace: p.fundsInPlace,
        createdAt: new Date(p.createdAt).toISOString(),
      }));
    const projectIds = projects.map((p) => p.id);

    const activities = await preparedQuery<
      OverviewActivity & { contacts: ActivityContactRef[] | null }
    >(
      m,
      `SELECT a.id, a.project_id AS "projectId", p.name AS "projectName", a.kind, a.occurred_on::text AS "occurredOn", a.summary,
              (SELECT json_agg(json_build_object('id', ct.id, 'name', ct.name, 'title', ct.title) ORDER BY ct.name)
               FROM activity_contact ac JOIN enterprise_contact ct ON ct.id = ac.contact_id WHERE ac.activity_id = a.id) AS contacts
       FROM project_activity a JOIN project p ON p.id = a.project_id
       WHERE a.project_id = ANY ($1::uuid[])
       ORDER BY a.occurred_on DESC, a.created_at DESC LIMIT ${ACTIVITY_LIMIT}`,
      [projectIds],
    );
    const agreements = await preparedQuery<OverviewAgreement>(
      m,
      `SELECT g.id, g.project_id AS "projectId", p.name AS "projectName", g.kind, g.amount::text AS amount,
              g.signed_on::text AS "signedOn", g.agreement_ref AS "agreementRef"
       FROM project_agreement g JOIN project p ON p.id = g.project_id
       WHERE g.project_id = ANY ($1::uuid[]) ORDER BY g.signed_on DESC, g.id`,
      [projectIds],
    );
    const fundArrivals = await preparedQuery<OverviewFundArrival>(
      m,
      `SELECT f.id, f.project_id AS "projectId", p.name AS "projectName", f.month::text AS month, f.amount::text AS amount
       FROM fund_arrival f JOIN project p ON p.id = f.project_id
       WHERE f.project_id = ANY ($1::uuid[]) ORDER BY f.month DESC, f.id`,
      [projectIds],
    );
    const contactRows = await preparedQuery<ContactRow>(
      m,
      `${CONTACT_SELECT} WHERE c.enterprise_id = ANY ($4::uuid[]) AND ${contactVisibleSql('c', READER)}
       ORDER BY (c.anonymised_at IS NOT NULL), e.name, c.name, c.id`,
      [...reader, group],
    );
    const merges = await preparedQuery<EnterpriseMergeView>(
      m,
      `SELECT g.id, g.source_id AS "sourceId", s.name AS "sourceName", g.target_id AS "targetId", t.name AS "targetName",
              cardinality(g.moved_project_ids) AS "movedProjects", cardinality(g.moved_contact_ids) AS "movedContacts",
              cardinality(g.moved_subsidiary_ids) AS "movedSubsidiaries", rtrim(g.moved_credit_code) AS "movedCreditCode",
              g.merged_at AS "mergedAt", g.undone_at AS "undoneAt"
       FROM enterprise_merge g JOIN enterprise s ON s.id = g.source_id JOIN enterprise t ON t.id = g.target_id
       WHERE $1 IN (g.source_id, g.target_id) ORDER BY g.merged_at DESC`,
      [id],
    );

    const activityViews = activities.map((a) => ({
      ...a,
      contacts: a.contacts ?? [],
    }));
    return {
      enterprise,
      parent: parentRow ? member(parentRow) : null,
      subsidiaries,
      projects,
      activities: activityViews,
      contacts: contactRows.map(toContactView),
      agreements,
      fundArrivals,
      timeline: timelineOf(projects, activityViews, agreements, fundArrivals),
      hiddenProjects: projectRows.length - projects.length,
      merges: merges.map((g) => ({
        ...g,
        mergedAt: new Date(g.mergedAt).toISOString(),
        undoneAt: g.undoneAt ? new Date(g.undoneAt).toISOString() : null,
      })),
    };
  }
}

/** One list, newest first: projects opened, activities, agreements signed, funds in place. */
function timelineOf(
  projects: OverviewProject[],
  activities: OverviewActivity[],
  agreements: OverviewAgreement[],
  fundArrivals: OverviewFundArrival[],
): OverviewEvent[] {
  const shanghaiDay = (iso: string) =>
    new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const events: OverviewEvent[] = [
    ...projects.map((p) => ({
      kind: 'project' as const,
      on: shanghaiDay(p.createdAt),
      projectId: p.id,
      projectName: p.name,
      text: `${p.chainName} · ${p.unitName} 立项（现处${STAGE_LABELS[p.stage]}阶段）`,
      amount: p.plannedInvestment,
    })),
    ...activities.map((a) => ({
      kind: 'activity' as const,
      on: a.occurredOn,
      projectId: a.projectId,
      projectName: a.projectName,
      text: `${ACTIVITY_KIND_LABELS[a.kind]}：${a.summary}`,
      amount: null,
    })),
    ...agreements.map((g) => ({
      kind: 'agreement' as const,
      on: g.signedOn,
      projectId: g.projectId,
      projectName: g.projectName,
      text: `${g.kind === 'initial' ? '签约' : '补充协议'} ${g.agreementRef}`,
      amount: g.amount,
    })),
    ...fundArrivals.map((f) => ({
      kind: 'fund-arrival' as const,
      on: `${f.month.slice(0, 7)}-01`,
      projectId: f.projectId,
      projectName: f.projectName,
      text: `到位资金（${f.month.slice(0, 7)}）`,
      amount: f.amount,
    })),
  ];
  return events.sort((a, b) =>
    a.on === b.on ? a.kind.localeCompare(b.kind) : a.on < b.on ? 1 : -1,
  );
}
