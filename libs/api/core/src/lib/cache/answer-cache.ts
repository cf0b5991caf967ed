import { shanghaiToday } from '@crm/domain';
import { Inject, Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../clock/clock';
import type { AuthUser } from '../auth/auth-user';
import { dataVersionOf } from './data-version';

export interface CachedAnswer {
  /** The answer as JSON, encoded in UTF-8 once (a hit sends these bytes as they are). */
  body: Buffer;
  /** A weak validator named by the key (route, parameters, scope, day, data version); null when not cached. */
  etag: string | null;
}

interface Entry extends CachedAnswer {
  version: number;
  bytes: number;
}

export interface AnswerCacheLimits {
  entries: number;
  bytes: number;
}

const DEFAULT_LIMITS: AnswerCacheLimits = {
  entries: 500,
  bytes: 64 * 1024 * 1024,
};

/**
 * Answers built once per change (issue 23 §2). An answer is kept in this process under its key:
 * the route, its normalised parameters, what of the user changes it (their chain scope), the
 * business day (Asia/Shanghai, the injected clock: answers that count days are rebuilt each day)
 * and the data version of PostgreSQL (`answer_version`, bumped at the commit of every transaction
 * that writes a watched table). The version is read from PostgreSQL on each request, so a write
 * committed through any API process or the worker is seen by the very next request everywhere.
 * Bounded LRU (entries and bytes); entries of older versions are dropped once a newer one is
 * read; concurrent misses of one key are computed once. Errors are never kept.
 */
@Injectable()
export class AnswerCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Entry>>();
  private bytes = 0;
  private latest = 0;
  readonly stats = { hits: 0, misses: 0, uncached: 0 };
  limits: AnswerCacheLimits = { ...DEFAULT_LIMITS };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The answer for a key, computed by `compute` when this process holds none for the current data version. */
  async answer(
    route: string,
    params: readonly unknown[],
    compute: () => Promise<unknown>,
  ): Promise<CachedAnswer> {
    const version = (await dataVersionOf(this.dataSource).isExact()) ? await this.version() : null;
    if (version === null) {
      this.stats.uncached++;
      return { body: Buffer.from(JSON.stringify(await compute())), etag: null };
    }
    if (version > this.latest) this.dropOlderThan(version);
    const key = JSON.stringify([
      route,
      params,
      shanghaiToday(this.clock.now()),
      version,
    ]);
    const hit = this.entries.get(key);
    if (hit) {
      this.stats.hits++;
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const running = this.pending.get(key);
    if (running) {
      this.stats.hits++;
      return running;
    }
    this.stats.misses++;
    const made = (async (): Promise<Entry> => {
      const body = Buffer.from(JSON.stringify(await compute()));
      const etag = `W/"a${version}-${createHash('sha1').update(key).digest('base64url').slice(0, 20)}"`;
      return {
        body,
        etag,
        version,
        bytes: body.length + key.length * 2 + 200,
      };
    })();
    this.pending.set(key, made);
    try {
      const entry = await made;
      if (version >= this.latest) this.keep(key, entry);
      return entry;
    } finally {
      this.pending.delete(key);
    }
  }

  /** Forgets every answer of this process (tests: the next request computes afresh). */
  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  /** The data version: one primary-key read. */
  version(): Promise<number> {
    return dataVersionOf(this.dataSource).current();
  }

  private keep(key: string, entry: Entry): void {
    if (entry.bytes > this.limits.bytes / 4) return;
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    for (const [k, e] of this.entries) {
      if (
        this.entries.size <= this.limits.entries &&
        this.bytes <= this.limits.bytes
      )
        break;
      this.entries.delete(k);
      this.bytes -= e.bytes;
    }
  }

  private dropOlderThan(version: number): void {
    this.latest = version;
    for (const [k, e] of this.entries) {
      if (e.version < version) {
        this.entries.delete(k);
        this.bytes -= e.bytes;
      }
    }
  }
}

/**
 * What of the user changes a cockpit answer: the chains they may read (office and admin: all) and
 * their person (the city's principal leaders see the city's totals beside their chains').
 */
export function readScope(user: AuthUser): string {
  return `${user.allChains ? '*' : [...user.chainIds].sort((a, b) => a - b).join(',')}|${user.personId ?? ''}`;
}

/**
 * Sends a cached answer as JSON with its ETag; Express answers 304 when the request's
 * If-None-Match names it. Cache-Control stays as the API sets it (no-store, issue 18).
 */
export function sendAnswer(res: Response, answer: CachedAnswer): void {
  if (answer.etag) res.setHeader('ETag', answer.etag);
  res.type('application/json').send(answer.body);
}

/** One AnswerCache per process, shared by every module that imports this. */
@Module({ providers: [AnswerCache], exports: [AnswerCache] })
export class AnswerCacheModule {}
