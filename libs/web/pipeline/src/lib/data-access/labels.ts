import type {
  ActivityKind,
  AgreementKind,
  EvaluationConclusion,
  EvaluationDimension,
  EvaluationRating,
  ProjectStatus,
  SourceChannel,
  Stage,
} from '@crm/domain';
import type { MessageKey } from '@crm/web/core';
import type { MoveField } from '../move/stage-move-plan';

/* The i18n key of each pipeline word: `{{ stageKey(stage) | t }}`. */
export const stageKey = (stage: Stage): MessageKey => `pipeline.stage.${stage}`;
export const statusKey = (status: ProjectStatus): MessageKey => `pipeline.status.${status}`;
export const channelKey = (channel: SourceChannel): MessageKey => `pipeline.channel.${channel}`;
export const activityKindKey = (kind: ActivityKind): MessageKey => `pipeline.activityKind.${kind}`;
export const dimensionKey = (d: EvaluationDimension): MessageKey => `pipeline.dimension.${d}`;
export const ratingKey = (r: EvaluationRating): MessageKey => `pipeline.rating.${r}`;
export const conclusionKey = (c: EvaluationConclusion): MessageKey => `pipeline.conclusion.${c}`;
export const agreementKindKey = (k: AgreementKind): MessageKey => `pipeline.agreementKind.${k}`;
export const fieldKey = (field: MoveField): MessageKey => `pipeline.field.${field}`;

/** ng-zorro tag colours: a status at a glance. */
export const STATUS_COLORS: Record<ProjectStatus, string> = {
  active: 'green',
  paused: 'orange',
  dropped: 'default',
};
