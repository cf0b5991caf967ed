import {
  CONTACT_ACTIVITY_KINDS,
  type EvaluationView,
  type ProjectDetailView,
  type ProjectFacts,
} from '@crm/domain';

/** The concluded evaluation the gates look at: the last one concluded. */
export function latestConcluded(evaluations: readonly EvaluationView[]): EvaluationView | null {
  return (
    evaluations
      .filter((e) => e.conclusion !== null)
      .sort(
        (a, b) =>
          (b.concludedOn ?? '').localeCompare(a.concludedOn ?? '') ||
          b.openedAt.localeCompare(a.openedAt),
      )[0] ?? null
  );
}

/**
 * What the stage gates of libs/domain look at, rebuilt from the project page's answer, so that a
 * form can ask for exactly what a move still needs. The API checks the same gates again.
 */
export function projectFacts(detail: ProjectDetailView): ProjectFacts {
  const p = detail.project;
  const contacts = detail.timeline.filter(
    (entry) =>
      entry.kind === 'activity' && CONTACT_ACTIVITY_KINDS.includes(entry.activity.kind),
  ).length;
  return {
    name: p.name,
    chain: p.chain,
    hasInvestor: Boolean(p.investor.enterpriseId || p.investor.name?.trim()),
    sourceChannel: p.sourceChannel,
    responsibleUnitId: p.responsibleUnit?.id ?? null,
    ownerId: p.owner?.id ?? null,
    plannedInvestment: p.plannedInvestment,
    contactCount: contacts,
    evaluationOpened: detail.evaluations.length > 0,
    latestConclusion: latestConcluded(detail.evaluations)?.conclusion ?? null,
    eliminatedCategory: p.eliminatedCategory,
    status: p.status,
    signedAmount: p.signedAmount,
    signedOn: p.signedOn,
    agreementRef: p.agreementRef,
    landParcel: p.landParcel,
    landAreaMu: p.landAreaMu,
    landApprovalRef: p.landApprovalRef,
    landApprovedOn: p.landApprovedOn,
    landRoute: p.landRoute,
    siteDocumentKind: p.siteDocumentKind,
    siteDocumentRef: p.siteDocumentRef,
    siteDocumentOn: p.siteDocumentOn,
    plantAreaSqm: p.plantAreaSqm,
    constructionStartedOn: p.constructionStartedOn,
    constructionPermitRef: p.constructionPermitRef,
    completedOn: p.completedOn,
  };
}
