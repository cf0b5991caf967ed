import { CLOCK, readDocumentSettings, type Clock } from '@crm/api/core';
import { documentNumber, type DocumentSettings, type RollUpExportFormat, type RollUpFigures } from '@crm/domain';
import { forwardRef, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { updatedRows } from '../common/errors';
import { rollUpNumber } from '../documents/document-setting.service';
import { buildRollUpDocx } from './roll-up-docx.builder';
import { buildRollUpXlsx } from './roll-up-xlsx.builder';
import { RollUpService } from './roll-up.service';
import { withActionItemDefaults } from './roll-up.snapshot';

/** What an export file is built from: the roll-up as it stands when the job runs. */
export interface RollUpDocument {
  period: string;
  figures: RollUpFigures;
  narrative: string;
  version: number;
  builtAt: Date;
  fromSnapshot: boolean;
  /** The office's document settings in force when the file was made. */
  settings: DocumentSettings;
  /** 发文字号, e.g. 格招商办〔2025〕9号: given at the month's first export, kept after. */
  number: string;
  /** 成文日期: when the file was made (the clock). */
  issuedOn: Date;
}

/**
 * Builds one export's file in the worker and stores it in roll_up_export. Only an export still
 * queued (or left running by a worker that died) is built, so a second delivery of the job does
 * nothing; a failure before the last try puts it back to queued for BullMQ's retry, the last one
 * marks it failed with the reason.
 */
@Injectable()
export class RollUpExportRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    // forwardRef: roll-up.service → roll-up-export.service → roll-up-export.job → this file.
    @Inject(forwardRef(() => RollUpService))
    private readonly rollUps: RollUpService,
  ) {}

  async run(
    exportId: string,
    attempt: number,
    attempts: number,
  ): Promise<'done' | 'skipped'> {
    const [claimed] = updatedRows<{
      period: string;
      format: RollUpExportFormat;
    }>(
      await this.dataSource.query(
        `UPDATE roll_up_export SET state = 'running', started_at = $2, attempts = attempts + 1
         WHERE id = $1 AND state IN ('queued', 'running') RETURNING period, format`,
        [exportId, this.clock.now()],
      ),
    );
    if (!claimed) return 'skipped';
    try {
      // A roll-up out of date (a report submitted late, returned or resubmitted since it was
      // built) is rebuilt first: no file carries stale punctuality or figures.
      const [{ stale }] = await this.dataSource.query(
        `SELECT stale_since IS NOT NULL AS stale FROM roll_up WHERE period = $1`,
        [claimed.period],
      );
      if (stale) await this.rollUps.build(null, claimed.period);
      const [r] = await this.dataSource.query(
        `SELECT period, figures, narrative, version, built_at, from_snapshot FROM roll_up WHERE period = $1`,
        [claimed.period],
      );
      const issuedOn = this.clock.now();
      const settings = await readDocumentSettings(this.dataSource.manager);
      const { year, seq } = await rollUpNumber(this.dataSource.manager, r.period, issuedOn);
      const doc: RollUpDocument = {
        settings,
        number: documentNumber(settings['number-prefix'], year, seq),
        issuedOn,
        period: r.period,
        figures: withActionItemDefaults(r.figures),
        narrative: r.narrative,
        version: r.version,
        builtAt: r.built_at,
        fromSnapshot: r.from_snapshot,
      };
      const bytes =
        claimed.format === 'docx'
          ? await buildRollUpDocx(doc)
          : await buildRollUpXlsx(doc);
      await this.dataSource.query(
        `UPDATE roll_up_export SET state = 'done', file = $2, roll_up_version = $3, error = NULL, finished_at = $4
         WHERE id = $1 AND state = 'running'`,
        [exportId, bytes, doc.version, this.clock.now()],
      );
      return 'done';
    } catch (error) {
      const last = attempt >= attempts;
      await this.dataSource.query(
        `UPDATE roll_up_export SET state = $2, error = $3, finished_at = $4 WHERE id = $1 AND state = 'running'`,
        [
          exportId,
          last ? 'failed' : 'queued',
          (error as Error).message.slice(0, 2000),
          last ? this.clock.now() : null,
        ],
      );
      throw error;
    }
  }
}
