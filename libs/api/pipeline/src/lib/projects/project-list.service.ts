import { CLOCK, type AuthUser, type Clock } from '@crm/api/core';
import { shanghaiToday, type ProjectPage, type ProjectSort } from '@crm/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { invalidInput } from '../common/problems';
import type { ListProjectsDto } from './project.dto';
import { SUMMARY_COLUMNS, SUMMARY_JOINS, toSummaryView, type SummaryRow } from './project.rows';
import { MONEY, bigProjectBy } from '../figures/headline-figures.sql';
import { projectSearchRank, projectSearchWhere, searchTerms } from '../search/project-search';

/**
 * Each sort key as a never-null expression (so keyset paging needs no NULL cases) and the type its
 * cursor value is cast back to. Projects never contacted sort as the most idle; projects with no
 * follow-up date sort last when looking for what is due.
 */
const SORTS: Record<Exclude<ProjectSort, 'relevance'>, { expr: string; type: string }> = {
  updatedAt: { expr: 'p.updated_at', type: 'timestamptz' },
  createdAt: { expr: 'p.created_at', type: 'timestamptz' },
  name: { expr: 'p.name::text', type: 'text' },
  amount: { expr: 'coalesce(p.amount, 0)', type: 'numeric' },
  plannedInvestment: { expr: 'coalesce(p.planned_investment, 0)', type: 'numeric' },
  signedAmount: { expr: 'p.signed_amount', type: 'numeric' },
  // Time in stage: by the stage's business date (as the leader page's 停滞最久的项目 and the alerts).
  stageEnteredAt: { expr: 'p.stage_since', type: 'date' },
  lastActivityOn: { expr: "coalesce(p.last_activity_on, '-infinity'::date)", type: 'date' },
  nextFollowUpOn: { expr: "coalesce(p.next_follow_up_on, 'infinity'::date)", type: 'date' },
};

interface Cursor {
  s: ProjectSort;
  o: 'asc' | 'desc';
  v: string;
  id: string;
}

const badCursor = () =>
  invalidInput([
    {
      field: 'cursor',
      zh: '分页游标无效，请从第一页重新查询',
      en: 'The cursor is not valid for this query; start again from the first page',
    },
  ]);

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string, sort: ProjectSort, order: 'asc' | 'desc'): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString()) as Cursor;
    if (cursor.s !== sort || cursor.o !== order || typeof cursor.v !== 'string' || !/^[0-9a-f-]{36}$/.test(cursor.id)) {
      throw badCursor();
    }
    return cursor;
  } catch {
    throw badCursor();
  }
}

/**
 * The project list: filters staff need, search that finds (see project-search.ts: terms in any order,
 * partial words, CJK bigrams; trigram and array indexes),
 * keyset paging on any sort. The count and the page are two queries, whatever the page size.
 */
@Injectable()
export class ProjectListService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(user: AuthUser, query: ListProjectsDto, today = shanghaiToday(this.clock.now())): Promise<ProjectPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (!user.allChains) {
      const ids = param(user.chainIds);
      where.push(`(p.chain_id = ANY (${ids}::smallint[]) OR p.related_chain_ids && ${ids}::smallint[])`);
    }
    if (query.chain) {
      const chain = `(SELECT id FROM chain WHERE code = ${param(query.chain)})`;
      where.push(
        query.includeRelated
          ? `(p.chain_id = ${chain} OR ${chain} = ANY (p.related_chain_ids))`
          : `p.chain_id = ${chain}`,
      );
    }
    if (query.stage?.length) where.push(`p.stage = ANY (${param(query.stage)}::project_stage[])`);
    if (query.status?.length) where.push(`p.status = ANY (${param(query.status)}::project_status[])`);
    if (query.unitId) where.push(`p.responsible_unit_id = ${param(query.unitId)}`);
    if (query.ownerId) where.push(`p.owner_id = ${param(query.ownerId)}`);
    if (query.minAmount !== undefined) where.push(`p.amount >= ${param(query.minAmount)}::numeric`);
    if (query.maxAmount !== undefined) where.push(`p.amount <= ${param(query.maxAmount)}::numeric`);
    if (query.major !== undefined) where.push(`p.major = ${param(query.major)}`);
    if (query.idleDays) {
      where.push(
        `coalesce(p.last_activity_on, (p.created_at AT TIME ZONE 'Asia/Shanghai')::date) <= ${param(query.idleAsOf ?? today)}::date - ${param(query.idleDays)}::integer`,
      );
    }
    if (query.followUpDue) where.push(`p.status = 'active' AND p.next_follow_up_on <= ${param(today)}::date`);
    // The cockpit's figures link here (issue 6): each filter below lists the projects behind one.
    if (query.followUpOverdue) where.push(`p.status = 'active' AND p.next_follow_up_on < ${param(today)}::date`);
    if (query.keyTaskId) where.push(`p.key_task_id = ${param(query.keyTaskId)}`);
    if (query.agreementFrom || query.agreementTo) {
      where.push(
        `EXISTS (SELECT 1 FROM project_agreement a WHERE a.project_id = p.id
           AND a.signed_on >= coalesce(${param(query.agreementFrom ?? null)}::date, '-infinity')
           AND a.signed_on <= coalesce(${param(query.agreementTo ?? null)}::date, 'infinity'))`,
      );
    }
    if (query.signedFrom) where.push(`p.signed_on >= ${param(query.signedFrom)}::date`);
    if (query.signedTo) where.push(`p.signed_on <= ${param(query.signedTo)}::date`);
    if (query.fundsFrom || query.fundsTo) {
      where.push(
        `EXISTS (SELECT 1 FROM fund_arrival f WHERE f.project_id = p.id
           AND f.month >= coalesce(${param(query.fundsFrom ?? null)}::text, '0000-00')
           AND f.month <= coalesce(${param(query.fundsTo ?? null)}::text, '9999-99'))`,
      );
    }
    if (query.bigBy) {
      // First signed in the period's year by the end of its statistical window (stat_period_cutoff,
      // as chain_month_total counts big projects), and signed that much by then.
      const end = `(stat_period_cutoff(${param(query.bigBy)}) + 1)`;
      where.push(bigProjectBy(end));
    }
    if (query.stageSinceTo) {
      where.push(
        // The stage's business date (generated column: its fact's date, the day given for reaching it, or the entry day).
        `p.stage_since <= ${param(query.stageSinceTo)}::date`,
      );
    }
    // Search that finds: every term, in any order, whole or by most of its bigrams; ranked (sort=relevance).
    const terms = searchTerms(query.q);
    where.push(...projectSearchWhere(terms, param));

    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::integer AS total FROM project p ${filter}`,
      params,
    );

    const sums = await this.drillDownSums(query, filter, params);

    const dir = query.order === 'asc' ? 'ASC' : 'DESC';
    const pageWhere = [...where];
    const pageParams = [...params];
    const pageParam = (value: unknown) => {
      pageParams.push(value);
      return `$${pageParams.length}`;
    };
    // Without a search, relevance has nothing to rank: the most recently updated come first.
    const sort =
      query.sort !== 'relevance'
        ? SORTS[query.sort]
        : terms.length
          ? { expr: projectSearchRank(terms, pageParam, query.q ?? ''), type: 'numeric' }
          : SORTS.updatedAt;
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor, query.sort, query.order);
      pageParams.push(cursor.v, cursor.id);
      const op = query.order === 'asc' ? '>' : '<';
      pageWhere.push(
        `(${sort.expr}, p.id) ${op} ($${pageParams.length - 1}::${sort.type}, $${pageParams.length}::uuid)`,
      );
    }
    pageParams.push(query.limit + 1);
    const rows: (SummaryRow & { sort_value: string })[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS}, (${sort.expr})::text AS sort_value
       FROM project p ${SUMMARY_JOINS}
       ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''}
       ORDER BY ${sort.expr} ${dir}, p.id ${dir}
       LIMIT $${pageParams.length}`,
      pageParams,
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toSummaryView),
      total,
      ...(sums ? { sums } : {}),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor({ s: query.sort, o: query.order, v: last.sort_value, id: last.id })
          : null,
    };
  }

  /**
   * The total of the figure a drill-down shows (issue 19 §3), in SQL over the same filter: the
   * funds in place in the fundsFrom–fundsTo months, the agreements signed from agreementFrom to
   * agreementTo, of the matching projects — the cockpit's figure when opened from it.
   */
  private async drillDownSums(
    query: ListProjectsDto,
    filter: string,
    params: unknown[],
  ): Promise<ProjectPage['sums'] | null> {
    const funds = !!(query.fundsFrom || query.fundsTo);
    const signed = !!(query.agreementFrom || query.agreementTo);
    if (!funds && !signed) return null;
    const p = [...params];
    const param = (value: unknown) => {
      p.push(value);
      return `$${p.length}`;
    };
    const matching = `SELECT p.id FROM project p ${filter}`;
    const fundsSql = funds
      ? `(SELECT ${MONEY('coalesce(sum(f.amount), 0)')} FROM fund_arrival f
          WHERE f.project_id IN (${matching})
            AND f.month >= coalesce(${param(query.fundsFrom ?? null)}::text, '0000-00')
            AND f.month <= coalesce(${param(query.fundsTo ?? null)}::text, '9999-99'))`
      : 'NULL';
    const signedSql = signed
      ? `(SELECT ${MONEY('coalesce(sum(a.amount), 0)')} FROM project_agreement a
          WHERE a.project_id IN (${matching})
            AND a.signed_on >= coalesce(${param(query.agreementFrom ?? null)}::date, '-infinity')
            AND a.signed_on <= coalesce(${param(query.agreementTo ?? null)}::date, 'infinity'))`
      : 'NULL';
    const [row]: { funds: string | null; signed: string | null }[] = await this.dataSource.query(
      `SELECT ${fundsSql} AS funds, ${signedSql} AS signed`,
      p,
    );
    return {
      ...(row.funds !== null ? { funds: row.funds } : {}),
      ...(row.signed !== null ? { signed: row.signed } : {}),
    };
  }
}
