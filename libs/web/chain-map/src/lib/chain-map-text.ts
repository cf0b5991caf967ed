import { Pipe, PipeTransform, inject } from '@angular/core';
import { I18nService } from '@crm/web/core';

/**
 * 招商图谱's own texts, Chinese first (as the office writes it), English second. Kept with the
 * feature so they load with its chunk, not in the app's initial download.
 */
export const CHAIN_MAP_TEXT = {
  title: ['招商图谱', 'Investment maps'],
  listSubtitle: ['各产业链从上游到下游的环节、本地企业、薄弱缺失环节与目标企业', 'Each chain from upstream to downstream: links, local firms, gaps and target firms'],
  year: ['年度', 'Year'],
  yearTitle: ['{year}年', '{year}'],
  chain: ['产业链', 'Chain'],
  links: ['环节', 'Links'],
  gaps: ['薄弱/缺失', 'Gaps'],
  unledGaps: ['无在推进项目的缺口', 'Gaps with no active lead'],
  drafts: ['待确认', 'To confirm'],
  noMap: ['尚未编制', 'No map yet'],
  open: ['查看图谱', 'Open the map'],
  exportTargets: ['导出目标方向清单', 'Export target list'],
  exportPng: ['导出图片', 'Save as PNG'],
  print: ['打印', 'Print'],
  edit: ['编辑图谱', 'Edit the map'],
  back: ['返回列表', 'Back to the list'],
  loadError: ['招商图谱加载失败', 'The map could not be loaded'],
  noMapYet: ['{chain}{year}年的招商图谱尚未编制。', 'The {chain} map for {year} has not been drawn up yet.'],
  draftFrom: ['从{from}年图谱起草', 'Draft from the {from} map'],
  draftHint: ['起草后各环节标为“待确认”，请逐项核实。', 'Drafted links are marked “to confirm”; check each one.'],
  createEmpty: ['新建图谱', 'Start a map'],
  noPrevious: ['此前年度没有图谱可供起草，可新建图谱逐项录入环节。', 'There is no earlier map to draft from; start one and add its links.'],
  readOnly: ['您可查看本图谱；编辑由领导小组办公室和该链专班负责。', 'You may read this map; the office and the chain’s staff edit it.'],
  upstream: ['上游', 'Upstream'],
  midstream: ['中游', 'Midstream'],
  downstream: ['下游', 'Downstream'],
  strong: ['强', 'Strong'],
  weak: ['弱', 'Weak'],
  missing: ['缺失', 'Missing'],
  strengthen: ['强链', 'Strengthen'],
  fill: ['补链', 'Fill'],
  extend: ['延链', 'Extend'],
  draft: ['待确认', 'To confirm'],
  unled: ['无在推进项目', 'No active lead'],
  anchor: ['链主', 'Anchor'],
  localFirms: ['本地企业', 'Local firms'],
  noFirms: ['暂无本地企业', 'No local firm yet'],
  targets: ['目标企业', 'Target firms'],
  noTargets: ['暂无目标企业', 'No target firm yet'],
  pipeline: ['项目推进（按阶段）', 'Pipeline by stage'],
  noPipeline: ['尚无在推进或已落地的项目', 'No project in the pipeline yet'],
  projects: ['关联项目', 'Projects'],
  noProjects: ['暂无关联项目。在项目表单中选择“招商图谱环节”即可关联。', 'No project yet. Pick this link in a project’s form to tag it.'],
  count: ['项目数', 'Projects'],
  signed: ['签约金额', 'Signed'],
  reason: ['状况说明', 'Why'],
  source: ['方案原文', 'The plan’s words'],
  tapHint: ['点击环节查看本地企业、目标企业和项目', 'Tap a link for its firms, targets and projects'],
  chartLabel: ['{chain}招商图谱：从上游到下游的环节', '{chain} map: links from upstream to downstream'],
  legend: ['绿色为强、橙色为弱、红色为缺失；带“⚑”的为无在推进项目的缺口', 'Green strong, orange weak, red missing; ⚑ marks a gap with no active lead'],
  unledSummary: ['无在推进项目的缺口：{names}', 'Gaps with no active lead: {names}'],
  allLed: ['薄弱和缺失环节均已有在推进项目。', 'Every gap has an active lead.'],
  save: ['保存', 'Save'],
  cancel: ['取消', 'Cancel'],
  saved: ['已保存', 'Saved'],
  addLink: ['添加环节', 'Add a link'],
  remove: ['删除', 'Remove'],
  linkName: ['环节名称', 'Link name'],
  parent: ['上级环节', 'Parent link'],
  noParent: ['（无，为主环节）', '(none: a main link)'],
  tier: ['位置', 'Tier'],
  status: ['状况', 'Status'],
  kind: ['招商方向', 'Kind'],
  firmIds: ['本地企业（从企业库选择）', 'Local firms (from the library)'],
  searchFirm: ['输入企业名称搜索', 'Type to search firms'],
  addTarget: ['添加目标企业', 'Add a target'],
  targetName: ['目标企业名称', 'Target firm'],
  tags: ['标签', 'Tags'],
  note: ['备注', 'Note'],
  stale: ['图谱已被他人修改，已载入最新内容，请核对后再保存。', 'Someone else changed the map; the latest is loaded, check it and save again.'],
  mapGapsTitle: ['招商图谱缺口', 'Map gaps'],
  mapGapsNone: ['本年度尚未编制招商图谱。', 'No map for this year yet.'],
  openMap: ['查看招商图谱', 'Open the map'],
  chainLink: ['招商图谱环节', 'Map link'],
  chainLinkKind: ['服务方式', 'Serves as'],
} as const;

export type ChainMapTextKey = keyof typeof CHAIN_MAP_TEXT;

/** The text in the interface language, with {placeholders} filled. */
export function chainMapText(lang: string, key: ChainMapTextKey, params: Record<string, string | number> = {}): string {
  const [zh, en] = CHAIN_MAP_TEXT[key];
  return (lang === 'en' ? en : zh).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** `{{ 'title' | cm }}`, `{{ 'yearTitle' | cm: { year: 2025 } }}`: re-renders when the language changes. */
@Pipe({ name: 'cm', pure: false })
export class ChainMapTextPipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(key: ChainMapTextKey, params: Record<string, string | number> = {}): string {
    return chainMapText(this.i18n.lang(), key, params);
  }
}
