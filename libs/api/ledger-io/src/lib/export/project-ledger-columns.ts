import {
  effectiveLandRoute,
  LAND_ROUTE_LABELS,
  landRouteMark,
  PROJECT_STATUS_LABELS,
  SITE_DOCUMENT_KIND_LABELS,
  SOURCE_CHANNEL_LABELS,
  STAGE_LABELS,
  stageIndex,
  type LandRoute,
  type ProjectStatus,
  type SiteDocumentKind,
  type SourceChannel,
  type Stage,
} from '@crm/domain';
import type { ExportColumn } from '@crm/api/core';

/** One project as the ledgers list it: the list row plus the facts a re-import reads back. */
export interface ProjectLedgerRow {
  id: string;
  name: string;
  chainName: string;
  investorName: string;
  creditCode: string | null;
  stage: Stage;
  status: ProjectStatus;
  sourceChannel: SourceChannel;
  unitName: string;
  ownerName: string;
  plannedInvestment: string | null;
  signedAmount: string;
  fundsInPlace: string;
  signedOn: string | null;
  agreementRef: string | null;
  landParcel: string | null;
  landAreaMu: string | null;
  landApprovalRef: string | null;
  landApprovedOn: string | null;
  landRoute: LandRoute | null;
  siteDocumentKind: SiteDocumentKind | null;
  siteDocumentRef: string | null;
  siteDocumentOn: string | null;
  plantAreaSqm: string | null;
  constructionStartedOn: string | null;
  constructionPermitRef: string | null;
  completedOn: string | null;
  location: string | null;
  industry: string | null;
  /** 招商活动 the project came from (imported back by name). */
  eventName: string | null;
  major: boolean;
  lastActivityOn: string | null;
}

const positive = (wan: string | null) => (wan !== null && /[1-9]/.test(wan) ? wan : null);

/**
 * 用地方式 as the ledger shows it: 既有用地 / 闲置厂房 marked 盘活存量; a project that reached its land
 * without a route recorded is a new allocation; before the land, nothing.
 */
function landRouteCell(r: ProjectLedgerRow): string | null {
  if (r.landRoute) return landRouteMark(r.landRoute) ?? LAND_ROUTE_LABELS[r.landRoute];
  return stageIndex(r.stage) >= stageIndex('land') ? LAND_ROUTE_LABELS[effectiveLandRoute(null)] : null;
}

/**
 * The columns of the project export and of 《重点项目动态管理表》. Their headers are the import
 * template's, so an exported file imports back unchanged; 序号, 到位资金, 项目负责人 and
 * 最近跟进日期 are for reading and are skipped on import.
 */
export const PROJECT_EXPORT_COLUMNS: readonly ExportColumn<ProjectLedgerRow>[] = [
  { header: '序号', kind: 'integer', width: 6, value: (_, i) => i + 1 },
  { header: '项目名称', kind: 'text', width: 36, value: (r) => r.name },
  { header: '所属产业链', kind: 'text', width: 16, value: (r) => r.chainName },
  { header: '投资方', kind: 'text', width: 30, value: (r) => r.investorName },
  { header: '统一社会信用代码', kind: 'text', width: 22, value: (r) => r.creditCode },
  { header: '项目阶段', kind: 'text', width: 10, value: (r) => STAGE_LABELS[r.stage] },
  { header: '项目状态', kind: 'text', width: 8, value: (r) => PROJECT_STATUS_LABELS[r.status] },
  { header: '招商方式', kind: 'text', width: 12, value: (r) => SOURCE_CHANNEL_LABELS[r.sourceChannel] },
  { header: '责任单位', kind: 'text', width: 24, value: (r) => r.unitName },
  { header: '计划总投资（万元）', kind: 'amount', value: (r) => r.plannedInvestment },
  { header: '签约金额（万元）', kind: 'amount', value: (r) => positive(r.signedAmount) },
  { header: '到位资金（万元）', kind: 'amount', value: (r) => positive(r.fundsInPlace) },
  { header: '签约日期', kind: 'date', width: 12, value: (r) => r.signedOn },
  { header: '协议编号', kind: 'text', width: 18, value: (r) => r.agreementRef },
  { header: '用地地块', kind: 'text', value: (r) => r.landParcel },
  { header: '用地面积（亩）', kind: 'number', value: (r) => r.landAreaMu },
  { header: '用地批复文号', kind: 'text', width: 18, value: (r) => r.landApprovalRef },
  { header: '供地日期', kind: 'date', width: 12, value: (r) => r.landApprovedOn },
  { header: '用地方式', kind: 'text', width: 18, value: landRouteCell },
  { header: '场地权属', kind: 'text', width: 8, value: (r) => (r.siteDocumentKind ? SITE_DOCUMENT_KIND_LABELS[r.siteDocumentKind] : null) },
  { header: '产权证号或租赁合同编号', kind: 'text', width: 24, value: (r) => r.siteDocumentRef },
  { header: '产权证或租赁合同日期', kind: 'date', width: 12, value: (r) => r.siteDocumentOn },
  { header: '厂房面积（平方米）', kind: 'number', value: (r) => r.plantAreaSqm },
  { header: '开工日期', kind: 'date', width: 12, value: (r) => r.constructionStartedOn },
  { header: '施工许可证号', kind: 'text', width: 18, value: (r) => r.constructionPermitRef },
  { header: '竣工投产日期', kind: 'date', width: 12, value: (r) => r.completedOn },
  { header: '建设地点', kind: 'text', value: (r) => r.location },
  { header: '所属行业', kind: 'text', width: 14, value: (r) => r.industry },
  { header: '是否重大项目', kind: 'text', width: 8, value: (r) => (r.major ? '是' : '否') },
  { header: '招商活动', kind: 'text', width: 24, value: (r) => r.eventName },
  { header: '项目负责人', kind: 'text', width: 10, value: (r) => r.ownerName },
  { header: '最近跟进日期', kind: 'date', width: 12, value: (r) => r.lastActivityOn },
];
