import type { AuthUser } from '@crm/api/core';
import { projectSearchRank, projectSearchWhere, searchTerms } from '@crm/api/pipeline';
import type { GlobalSearchResult } from '@crm/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { contactVisibleSql, eventVisibleSql } from '../events/promotion-event.service';

const PER_GROUP = 8;

function binder() {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  return { params, param };
}

/**
 * The shell's search box (issue 20 §5): projects (every term, in any order, whole or by most of its
 * bigrams; ranked), firms, contacts and events whose names hold every term — only what the user may
 * see: projects of their chains, contacts of firms their chains work with, events of their chains
 * or the whole city. Firms are the library every signed-in user reads.
 */
@Injectable()
export class GlobalSearchService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async search(user: AuthUser, q: string): Promise<GlobalSearchResult> {
    const terms = searchTerms(q);
    const empty: GlobalSearchResult = { q, projects: [], enterprises: [], contacts: [], events: [] };
    if (!terms.length) return empty;
    const [projects, enterprises, contacts, events] = await Promise.all([
      this.projects(user, q),
      this.byName(
        `SELECT en.id, en.name FROM enterprise en WHERE en.merged_into_id IS NULL`,
        'en.name',
        terms.map((t) => t.like),
        () => 'true',
        'en.name',
      ),
      this.byName(
        `SELECT ct.id, ct.name, ct.title, en.id AS enterprise_id, en.name AS enterprise_name
         FROM enterprise_contact ct JOIN enterprise en ON en.id = ct.enterprise_id WHERE ct.anonymised_at IS NULL`,
        'ct.name',
        terms.map((t) => t.like),
        (param) => contactVisibleSql('ct', user, param),
        'ct.name',
      ),
      this.byName(
        `SELECT e.id, e.name, e.kind, e.starts_on::text AS starts_on FROM promotion_event e WHERE true`,
        'e.name',
        terms.map((t) => t.like),
        (param) => eventVisibleSql('e', user, param),
        'e.starts_on DESC',
      ),
    ]);
    return {
      q,
      projects,
      enterprises: enterprises.map((e) => ({ id: e['id'], name: e['name'] })),
      contacts: contacts.map((c) => ({
        id: c['id'],
        name: c['name'],
        title: c['title'] ?? null,
        enterpriseId: c['enterprise_id'],
        enterpriseName: c['enterprise_name'],
      })),
      events: events.map((e) => ({ id: e['id'], name: e['name'], kind: e['kind'] as GlobalSearchResult['events'][number]['kind'], startsOn: e['starts_on'] })),
    };
  }

  private async projects(user: AuthUser, q: string): Promise<GlobalSearchResult['projects']> {
    const terms = searchTerms(q);
    const { params, param } = binder();
    const where = projectSearchWhere(terms, param);
    if (!user.allChains) {
      const ids = param(user.chainIds);
      where.push(`(p.chain_id = ANY (${ids}::smallint[]) OR p.related_chain_ids && ${ids}::smallint[])`);
    }
    const rank = projectSearchRank(terms, param, q);
    const rows: Record<string, string>[] = await this.dataSource.query(
      `SELECT p.id, p.name, p.investor_name, c.code AS chain, p.stage
       FROM project p JOIN chain c ON c.id = p.chain_id
       WHERE ${where.join(' AND ')}
       ORDER BY ${rank} DESC, p.updated_at DESC, p.id LIMIT ${PER_GROUP}`,
      params,
    );
    return rows.map((r) => ({
      id: r['id'],
      name: r['name'],
      investorName: r['investor_name'],
      chain: r['chain'] as GlobalSearchResult['projects'][number]['chain'],
      stage: r['stage'] as GlobalSearchResult['projects'][number]['stage'],
    }));
  }

  /** Rows whose name (lower-cased, trigram-indexed) holds every term, that the user may see. */
  private async byName(
    select: string,
    name: string,
    likes: string[],
    visible: (param: (value: unknown) => string) => string,
    order: string,
  ): Promise<Record<string, string>[]> {
    const { params, param } = binder();
    const conditions = likes.map((like) => `lower(${name}) LIKE ${param(like)}`);
    conditions.push(visible(param));
    return this.dataSource.query(`${select} AND ${conditions.join(' AND ')} ORDER BY ${order} LIMIT ${PER_GROUP}`, params);
  }
}
