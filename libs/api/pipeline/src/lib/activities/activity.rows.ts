import type { ActivityContactRef, ActivityKind, ActivityView } from '@crm/domain';

export const ACTIVITY_SELECT = `
  SELECT a.id, a.project_id, a.kind, a.occurred_on::text AS occurred_on, a.our_participants, a.their_participants,
         a.summary, a.next_step, a.next_follow_up_on::text AS next_follow_up_on, a.created_by,
         u.display_name AS created_by_name, a.created_at,
         (SELECT json_agg(json_build_object('id', ct.id, 'name', ct.name, 'title', ct.title) ORDER BY ct.name, ct.id)
          FROM activity_contact ac JOIN enterprise_contact ct ON ct.id = ac.contact_id WHERE ac.activity_id = a.id) AS contacts
  FROM project_activity a LEFT JOIN app_user u ON u.id = a.created_by`;

export interface ActivityRow {
  id: string;
  project_id: string;
  kind: ActivityKind;
  occurred_on: string;
  our_participants: string[];
  their_participants: string[];
  summary: string;
  next_step: string | null;
  next_follow_up_on: string | null;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
  contacts: ActivityContactRef[] | null;
}

export function toActivityView(r: ActivityRow): ActivityView {
  return {
    id: r.id,
    projectId: r.project_id,
    kind: r.kind,
    occurredOn: r.occurred_on,
    ourParticipants: r.our_participants,
    theirParticipants: r.their_participants,
    summary: r.summary,
    nextStep: r.next_step,
    nextFollowUpOn: r.next_follow_up_on,
    createdBy: r.created_by ? { id: r.created_by, displayName: r.created_by_name ?? '' } : null,
    createdAt: r.created_at.toISOString(),
    contacts: r.contacts ?? [],
  };
}
