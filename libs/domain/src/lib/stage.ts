/** The seven stages of plan §(七), in order. */
export const STAGES = ['lead', 'negotiation', 'evaluation', 'signed', 'land', 'construction', 'production'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  lead: '信息收集',
  negotiation: '对接洽谈',
  evaluation: '项目评估',
  signed: '项目签约',
  land: '项目供地',
  construction: '项目开工',
  production: '竣工投产',
};
