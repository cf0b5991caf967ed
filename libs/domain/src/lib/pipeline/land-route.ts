/**
 * 用地方式 (issue 21 §3): how a project gets the land it is built on. 新增供地 is a new allocation
 * with a land-approval reference; 既有用地 and 闲置厂房 (盘活存量, which the plan encourages) build on
 * a site the firm already holds or leases, proven by its 产权证 or 租赁合同 instead of an approval.
 */
export const LAND_ROUTES = ['new-land', 'existing-site', 'idle-plant'] as const;
export type LandRoute = (typeof LAND_ROUTES)[number];

export const LAND_ROUTE_LABELS: Record<LandRoute, string> = {
  'new-land': '新增供地',
  'existing-site': '既有用地',
  'idle-plant': '闲置厂房',
};

/** The mark figures show beside a project on an existing site (null: nothing to mark). */
export function landRouteMark(route: LandRoute | null | undefined): string | null {
  if (route === 'existing-site') return '既有用地（盘活存量）';
  if (route === 'idle-plant') return '闲置厂房（盘活存量）';
  return null;
}

/** The route a project is judged by: none recorded is a new allocation (the rule before issue 21). */
export function effectiveLandRoute(route: LandRoute | null | undefined): LandRoute {
  return route ?? 'new-land';
}

/** 既有用地 or 闲置厂房: the site is proven by a document instead of a land approval. */
export function isExistingSiteRoute(route: LandRoute | null | undefined): boolean {
  return route === 'existing-site' || route === 'idle-plant';
}

/** 场地权属证明: the firm owns the site (产权证) or leases it (租赁合同). */
export const SITE_DOCUMENT_KINDS = ['property-title', 'lease'] as const;
export type SiteDocumentKind = (typeof SITE_DOCUMENT_KINDS)[number];

export const SITE_DOCUMENT_KIND_LABELS: Record<SiteDocumentKind, string> = {
  'property-title': '产权',
  lease: '租赁',
};

/** A route or document kind from a ledger cell (its label or its code), or null. */
export function landRouteFromLabel(text: string): LandRoute | null {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  const found = LAND_ROUTES.find((r) => r === t || LAND_ROUTE_LABELS[r] === t);
  if (found) return found;
  if (/闲置厂房|厂房/.test(t)) return 'idle-plant';
  if (/既有用地|存量用地|自有用地|盘活存量/.test(t)) return 'existing-site';
  if (/新增供地|新增用地|新供地/.test(t)) return 'new-land';
  return null;
}

export function siteDocumentKindFromLabel(text: string): SiteDocumentKind | null {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  const found = SITE_DOCUMENT_KINDS.find((k) => k === t || SITE_DOCUMENT_KIND_LABELS[k] === t);
  if (found) return found;
  if (/产权|不动产|土地证|房产证/.test(t)) return 'property-title';
  if (/租赁|租用|租/.test(t)) return 'lease';
  return null;
}
