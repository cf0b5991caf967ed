import type {
  ActivityKind,
  AgreementKind,
  EvaluationConclusion,
  EvaluationDimension,
  EvaluationRating,
  LandRoute,
  ProjectStatus,
  SiteDocumentKind,
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
export const landRouteKey = (route: LandRoute): MessageKey => `pipeline.landRoute.${route}`;
export const siteDocumentKindKey = (kind: SiteDocumentKind): MessageKey => `pipeline.siteDocumentKind.${kind}`;
/** 既有用地（盘活存量） / 闲置厂房（盘活存量） beside a project on an existing site; null: no mark. */
export function landRouteMarkKey(route: LandRoute | null | undefined): MessageKey | null {
  return route === 'existing-site' || route === 'idle-plant' ? `pipeline.landRoute.mark.${route}` : null;
}

/** ng-zorro tag colours: a status at a glance. */
export const STATUS_COLORS: Record<ProjectStatus, string> = {
  active: 'green',
  paused: 'orange',
  dropped: 'default',
};
