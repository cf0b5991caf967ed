import { AuditService } from '@crm/api/audit';
import { CLOCK, type AuthUser, type Clock } from '@crm/api/core';
import {
  bilingual,
  isSignedStage,
  shanghaiMonth,
  shanghaiToday,
  type AgreementView,
  type FundArrivalView,
  type RuleProblem,
} from '@crm/domain';
import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { invalidInput, refused } from '../common/problems';
import { inTransaction, pgConstraint } from '../common/transaction';
import type { ProjectRow } from '../projects/project.rows';
import { ProjectStore } from '../projects/project.store';
import { ProjectWriter } from '../projects/project.writer';
import type { FundArrivalDto, FundVerificationDto, SupplementaryAgreementDto } from './ledger.dto';
import {
  AGREEMENT_SELECT,
  FUND_ARRIVAL_SELECT,
  toAgreementView,
  toFundArrivalView,
  type AgreementRow,
  type FundArrivalRow,
} from './ledger.rows';

/**
 * Money as a ledger: the signing (recorded by the move to 项目签约) and supplementary agreements
 * that add only their increment, and 到位资金 entered month by month against a signed project.
 * Amounts are only ever summed in PostgreSQL (numeric), by trigger into the project's totals.
 */
@Injectable()
export class LedgerService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ProjectStore,
    private readonly audit: AuditService,
    private readonly writer: ProjectWriter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async addSupplementaryAgreement(
    user: AuthUser,
    projectId: string,
    input: SupplementaryAgreementDto,
  ): Promise<AgreementView> {
    return inTransaction(this.dataSource, async (tx) => {
      const project = await this.store.lockForEdit(tx, user, projectId);
      this.refuseUnsigned(project, '补充协议', 'A supplementary agreement');
      const today = shanghaiToday(this.clock.now());
      const problems: RuleProblem[] = [];
      if (input.signedOn > today) {
        problems.push({
          field: 'signedOn',
          zh: `签约日期不能晚于今天（${today}）`,
          en: `The signing date cannot be later than today (${today})`,
        });
      }
      if (project.signed_on && input.signedOn < project.signed_on) {
        problems.push({
          field: 'signedOn',
          zh: `补充协议不能早于原签约日期（${project.signed_on}）`,
          en: `A supplementary agreement cannot be dated before the signing (${project.signed_on})`,
        });
      }
      if (problems.length) throw invalidInput(problems);
      let id: string;
      try {
        id = await this.writer.recordAgreement(tx, user, projectId, {
          kind: 'supplementary',
          amount: input.amount,
          signedOn: input.signedOn,
          agreementRef: input.agreementRef,
          note: input.note ?? null,
        });
      } catch (error) {
        if (pgConstraint(error) === 'project_agreement_project_id_agreement_ref_key') {
          throw new ConflictException({
            statusCode: 409,
            message: `协议“${input.agreementRef}”已登记过，不会重复计入签约金额 / The agreement ${input.agreementRef} is already recorded; it is not counted twice`,
            current: await this.agreementByRef(projectId, input.agreementRef),
          });
        }
        throw error;
      }
      const [row]: AgreementRow[] = await tx.query(`${AGREEMENT_SELECT} WHERE a.id = $1`, [id]);
      const view = toAgreementView(row);
      return view;
    });
  }

  async addFundArrival(user: AuthUser, projectId: string, input: FundArrivalDto): Promise<FundArrivalView> {
    return inTransaction(this.dataSource, async (tx) => {
      const project = await this.store.lockForEdit(tx, user, projectId);
      this.refuseUnsigned(project, '到位资金', 'Funds in place');
      const thisMonth = shanghaiMonth(this.clock.now());
      const problems: RuleProblem[] = [];
      if (input.month > thisMonth) {
        problems.push({
          field: 'month',
          zh: `月份不能晚于本月（${thisMonth}）`,
          en: `The month cannot be later than this month (${thisMonth})`,
        });
      }
      const signedMonth = project.signed_on?.slice(0, 7);
      if (signedMonth && input.month < signedMonth) {
        problems.push({
          field: 'month',
          zh: `到位资金月份不能早于签约月份（${signedMonth}）`,
          en: `Funds cannot be in place before the month of signing (${signedMonth})`,
        });
      }
      if (problems.length) throw invalidInput(problems);
      const id = await this.writer.recordFundArrival(tx, user, projectId, {
        month: input.month,
        amount: input.amount,
        evidenceNote: input.evidenceNote ?? null,
      });
      const view = await this.fundArrival(tx, projectId, id);
      return view;
    });
  }

  /** The office checks the evidence and marks an entry verified, or takes the mark back. */
  async verifyFundArrival(
    user: AuthUser,
    projectId: string,
    entryId: string,
    input: FundVerificationDto,
  ): Promise<FundArrivalView> {
    return inTransaction(this.dataSource, async (tx) => {
      await this.store.readable(tx, user, projectId);
      const before = await this.fundArrival(tx, projectId, entryId, true);
      if (before.verified === input.verified) return before;
      await tx.query(
        `UPDATE fund_arrival SET verified = $2, verified_by = CASE WHEN $2 THEN $3::uuid END, verified_at = CASE WHEN $2 THEN $4::timestamptz END
         WHERE id = $1`,
        [entryId, input.verified, user.id, this.clock.now()],
      );
      const after = await this.fundArrival(tx, projectId, entryId);
      await this.audit.record(tx, user, {
        action: 'update',
        entityType: 'fund-arrival',
        entityId: entryId,
        projectId,
        before: { verified: before.verified },
        after: { verified: after.verified },
      });
      return after;
    });
  }

  /** An entry made in error is removed while unverified; a verified one must be un-verified first. */
  async deleteFundArrival(user: AuthUser, projectId: string, entryId: string): Promise<void> {
    await inTransaction(this.dataSource, async (tx) => {
      await this.store.lockForEdit(tx, user, projectId);
      const entry = await this.fundArrival(tx, projectId, entryId, true);
      if (entry.verified) {
        const problem = {
          field: 'verified',
          zh: '已核实的到位资金不能删除，请先由领导小组办公室取消核实',
          en: 'A verified entry cannot be deleted; the office must take back the verification first',
        };
        throw refused(bilingual(problem), [problem]);
      }
      await tx.query(`DELETE FROM fund_arrival WHERE id = $1`, [entryId]);
      await this.audit.record(tx, user, {
        action: 'delete',
        entityType: 'fund-arrival',
        entityId: entryId,
        projectId,
        before: { month: entry.month, amount: entry.amount, evidenceNote: entry.evidenceNote },
      });
    });
  }

  private refuseUnsigned(project: ProjectRow, zh: string, en: string): void {
    const problems: RuleProblem[] = [];
    if (!isSignedStage(project.stage) || !project.signed_on) {
      problems.push({
        field: 'stage',
        zh: `${zh}只能登记在已签约的项目上`,
        en: `${en} can only be recorded for a signed project`,
      });
    }
    if (project.status === 'dropped') {
      problems.push({
        field: 'status',
        zh: '项目已终止，请先恢复推进',
        en: 'The project is dropped; make it active again first',
      });
    }
    if (problems.length) throw refused(problems.map(bilingual).join('；'), problems);
  }

  private async fundArrival(
    manager: EntityManager,
    projectId: string,
    id: string,
    lock = false,
  ): Promise<FundArrivalView> {
    if (lock) await manager.query(`SELECT 1 FROM fund_arrival WHERE id = $1 FOR UPDATE`, [id]);
    const [row]: FundArrivalRow[] = await manager.query(
      `${FUND_ARRIVAL_SELECT} WHERE f.id = $1 AND f.project_id = $2`,
      [id, projectId],
    );
    if (!row) throw new NotFoundException(`没有找到该笔到位资金 / No fund entry ${id} of this project`);
    return toFundArrivalView(row);
  }

  private async agreementByRef(projectId: string, ref: string): Promise<AgreementView | null> {
    const [row]: AgreementRow[] = await this.dataSource.query(
      `${AGREEMENT_SELECT} WHERE a.project_id = $1 AND a.agreement_ref = $2`,
      [projectId, ref],
    );
    return row ? toAgreementView(row) : null;
  }
}
