import { AuditService } from '@crm/api/audit';
import { CLOCK, readDocumentSettings, type AuthUser, type Clock } from '@crm/api/core';
import {
  documentNumber,
  ROLL_UP_EXPORT_FORMATS,
  type RollUpExportFormat,
  type RollUpFigures,
  type RollUpPublicationSummary,
  type RollUpPublicationView,
  type RollUpPublishInput,
} from '@crm/domain';
import { BadRequestException, ConflictException, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { refuse } from '../common/errors';
import { rollUpNumber } from '../documents/document-setting.service';
import { NotificationService } from '../notifications/notification.service';
import { buildRollUpDocx } from './roll-up-docx.builder';
import type { RollUpDocument } from './roll-up-export.runner';
import { rollUpFileName } from './roll-up-file';
import { buildRollUpXlsx } from './roll-up-xlsx.builder';
import { withActionItemDefaults } from './roll-up.snapshot';

interface PublicationRow {
  id: string;
  period: string;
  seq: number;
  roll_up_version: number;
  document_number: string;
  published_at: Date;
  published_by: string | null;
  published_by_name: string | null;
}

const SUMMARY = `p.id, p.period, p.seq, p.roll_up_version, p.document_number, p.published_at, p.published_by,
  u.display_name AS published_by_name`;

/**
 * 月通报: the office publishes a month's roll-up as it reads it (the version named), frozen with
 * its figures, narrative, document number and Word and Excel files; every unit's staff are told
 * and every signed-in user reads it. Drafts (GET /api/roll-ups/:period) stay with the office and
 * the leaders. A later correction is published again (seq 2, …); each publication stays as it was.
 */
@Injectable()
export class RollUpPublicationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async publish(user: AuthUser, input: RollUpPublishInput): Promise<RollUpPublicationView> {
    const { period, version } = input;
    const id = await this.dataSource.transaction(async (tx) => {
      const [r] = await tx.query(
        `SELECT period, figures, narrative, version, built_at, from_snapshot, stale_since FROM roll_up
         WHERE period = $1 FOR UPDATE`,
        [period],
      );
      if (!r) throw refuse.notFound(`${period} 的汇总报告（尚未生成）`, `roll-up for ${period} (not built yet)`);
      if (r.version !== version) {
        throw new ConflictException({
          statusCode: 409,
          message:
            '汇总报告已被他人修改或重新生成，请查看最新内容后再发布 / Someone changed or rebuilt this roll-up first; review it and publish again',
          current: { period, version: r.version },
        });
      }
      if (r.stale_since) {
        throw refuse.rule(
          '汇总报告生成后又有月报提交或退回，内容已过期，请重新生成后再发布',
          'A report was submitted or returned since the roll-up was built; rebuild it before publishing',
        );
      }
      const [last] = await tx.query(
        `SELECT seq, roll_up_version FROM roll_up_publication WHERE period = $1 ORDER BY seq DESC LIMIT 1`,
        [period],
      );
      if (last && last.roll_up_version === version) {
        throw refuse.rule(
          `该稿（第${version}稿）已发布，修改后方可再次发布`,
          `This draft (version ${version}) is already published; change it before publishing again`,
        );
      }
      const now = this.clock.now();
      const settings = await readDocumentSettings(tx);
      const { year, seq: numberSeq } = await rollUpNumber(tx, period, now);
      const doc: RollUpDocument = {
        settings,
        number: documentNumber(settings['number-prefix'], year, numberSeq),
        issuedOn: now,
        period,
        figures: withActionItemDefaults(r.figures),
        narrative: r.narrative,
        version: r.version,
        builtAt: r.built_at,
        fromSnapshot: r.from_snapshot,
      };
      const docx = await buildRollUpDocx(doc);
      const xlsx = await buildRollUpXlsx(doc);
      const seq = (last?.seq ?? 0) + 1;
      const [{ id }] = await tx.query(
        `INSERT INTO roll_up_publication (period, seq, roll_up_version, figures, narrative, document_number, docx, xlsx,
                                          published_by, published_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [period, seq, version, JSON.stringify(r.figures), r.narrative, doc.number, docx, xlsx, user.id, now],
      );
      await this.audit.record(tx, user, {
        action: 'create',
        entityType: 'roll_up_publication',
        entityId: id,
        after: { period, seq, rollUpVersion: version, documentNumber: doc.number },
      });
      const staff: { id: string }[] = await tx.query(
        `SELECT id FROM app_user WHERE active AND 'staff' = ANY(roles) ORDER BY id`,
      );
      const month = `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;
      await this.notifications.notify(
        tx,
        staff.map((s) => s.id),
        {
          kind: 'bulletin-published',
          title: `${month}招商引资工作月通报已发布 / The ${period} bulletin was published`,
          body: `${doc.number}${seq > 1 ? `（第${seq}次发布）` : ''}`,
          link: `/bulletins/${id}`,
        },
      );
      return id as string;
    });
    return this.get(id);
  }

  /** The publications, newest first. */
  list(): Promise<RollUpPublicationSummary[]> {
    return publicationSummaries(this.dataSource.manager);
  }

  async get(id: string): Promise<RollUpPublicationView> {
    const [row]: (PublicationRow & { figures: RollUpFigures; narrative: string })[] = await this.dataSource.query(
      `SELECT ${SUMMARY}, p.figures, p.narrative FROM roll_up_publication p LEFT JOIN app_user u ON u.id = p.published_by
       WHERE p.id = $1`,
      [id],
    );
    if (!row) throw notPublished();
    return {
      ...summary(row),
      narrative: row.narrative,
      figures: withActionItemDefaults(row.figures),
      files: ROLL_UP_EXPORT_FORMATS.map((format) => ({
        format,
        fileName: rollUpFileName(row.period, format),
        downloadUrl: `/api/roll-up-publications/${row.id}/files/${format}`,
      })),
    };
  }

  /** The Word or Excel file as published. */
  async file(id: string, format: string): Promise<{ period: string; fileName: string; format: RollUpExportFormat; bytes: Buffer }> {
    if (!(ROLL_UP_EXPORT_FORMATS as readonly string[]).includes(format)) {
      throw new BadRequestException({
        statusCode: 400,
        message: '文件格式应为 docx 或 xlsx / The format must be docx or xlsx',
        errors: { format: ['文件格式应为 docx 或 xlsx / The format must be docx or xlsx'] },
      });
    }
    const f = format as RollUpExportFormat;
    const [row] = await this.dataSource.query(
      `SELECT period, ${f === 'docx' ? 'docx' : 'xlsx'} AS bytes FROM roll_up_publication WHERE id = $1`,
      [id],
    );
    if (!row) throw notPublished();
    return { period: row.period, fileName: rollUpFileName(row.period, f), format: f, bytes: row.bytes };
  }
}

/** The publications (月通报), newest first: of all periods, or of one. */
export async function publicationSummaries(
  manager: EntityManager,
  period?: string,
): Promise<RollUpPublicationSummary[]> {
  const rows: PublicationRow[] = await manager.query(
    `SELECT ${SUMMARY} FROM roll_up_publication p LEFT JOIN app_user u ON u.id = p.published_by
     WHERE $1::text IS NULL OR p.period = $1 ORDER BY p.published_at DESC, p.seq DESC LIMIT 60`,
    [period ?? null],
  );
  return rows.map(summary);
}

function summary(r: PublicationRow): RollUpPublicationSummary {
  return {
    id: r.id,
    period: r.period,
    seq: r.seq,
    rollUpVersion: r.roll_up_version,
    documentNumber: r.document_number,
    publishedAt: r.published_at.toISOString(),
    publishedBy: r.published_by ? { id: r.published_by, name: r.published_by_name ?? '' } : null,
  };
}

function notPublished() {
  return refuse.notFound('该月通报（未发布）', 'published bulletin');
}
