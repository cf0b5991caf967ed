import { AuditService } from '@crm/api/audit';
import { CLOCK, NotificationWriter, type AuthUser, type Clock } from '@crm/api/core';
import { shanghaiToday, type ActivityView, type RuleProblem } from '@crm/domain';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { invalidInput, refused } from '../common/problems';
import { inTransaction } from '../common/transaction';
import { notifyOfficeOfMajor } from '../projects/major-project.notice';
import { ProjectStore } from '../projects/project.store';
import type { CreateActivityDto } from './activity.dto';
import { linkActivityContacts } from './activity-contacts';
import { ACTIVITY_SELECT, toActivityView, type ActivityRow } from './activity.rows';

/** 跟进记录: logging a contact updates the project's last activity and next follow-up (by trigger). */
@Injectable()
export class ActivityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ProjectStore,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly notifications: NotificationWriter,
  ) {}

  async create(user: AuthUser, projectId: string, input: CreateActivityDto): Promise<ActivityView> {
    const today = shanghaiToday(this.clock.now());
    const problems: RuleProblem[] = [];
    if (input.occurredOn > today) {
      problems.push({
        field: 'occurredOn',
        zh: `跟进日期不能晚于今天（${today}）；计划中的跟进请填在“下次跟进日期”`,
        en: `The date cannot be later than today (${today}); put a planned contact in nextFollowUpOn`,
      });
    }
    if (input.nextFollowUpOn && input.nextFollowUpOn < input.occurredOn) {
      problems.push({
        field: 'nextFollowUpOn',
        zh: '下次跟进日期不能早于本次跟进日期',
        en: 'The next follow-up cannot be before this contact',
      });
    }
    if (problems.length) throw invalidInput(problems);
    return inTransaction(this.dataSource, async (tx) => {
      const project = await this.store.lockForEdit(tx, user, projectId);
      if (project.status === 'dropped') {
        throw refused('已终止的项目不能再登记跟进 / A dropped project takes no more activities', [
          { field: 'status', zh: '项目已终止，请先恢复推进', en: 'The project is dropped; make it active again first' },
        ]);
      }
      const [{ id }] = await tx.query(
        `INSERT INTO project_activity (project_id, kind, occurred_on, our_participants, their_participants, summary,
           next_step, next_follow_up_on, created_by, major, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          projectId,
          input.kind,
          input.occurredOn,
          input.ourParticipants ?? [],
          input.theirParticipants ?? [],
          input.summary,
          input.nextStep ?? null,
          input.nextFollowUpOn ?? null,
          user.id,
          input.major ?? false,
          this.clock.now(),
        ],
      );
      await linkActivityContacts(tx, projectId, id, input.contactIds ?? []);
      const [row]: ActivityRow[] = await tx.query(`${ACTIVITY_SELECT} WHERE a.id = $1`, [id]);
      const view = toActivityView(row);
      const { kind, occurredOn, ourParticipants, theirParticipants, summary, nextStep, nextFollowUpOn } = view;
      await this.audit.record(tx, user, {
        action: 'create',
        entityType: 'activity',
        entityId: id,
        projectId,
        after: {
          kind,
          occurredOn,
          ourParticipants,
          theirParticipants,
          summary,
          nextStep,
          nextFollowUpOn,
          ...(input.major ? { major: true } : {}),
          ...(input.contactIds?.length ? { contactIds: input.contactIds } : {}),
        },
      });
      // 重大事项: the office hears at once, in this transaction.
      if (input.major) await notifyOfficeOfMajor(tx, this.notifications, { kind: 'event', activityId: id });
      return view;
    });
  }
}
