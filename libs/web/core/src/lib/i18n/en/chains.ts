import type { texts as zhCN } from '../zh-CN/chains';

/** English texts chains.*: the type makes a key missing from or added to the Chinese ones a compile error. */
export const texts: Record<keyof typeof zhCN, string> = {
  'chains.pageTitle': 'The "5+2" industry-chain task forces',
  'chains.pageSubtitle':
    '{total} industry chains: {leading} leading, {special} specialty',
  'chains.summary':
    'City-wide targets for {year}: {signed} signed, {funds} in place',
  'chains.summaryLabel': 'City-wide targets for {year}',
  'chains.kind.leading': 'Leading industry chain',
  'chains.kind.special': 'Specialty industry chain',
  'chains.section.leading': 'Leading industry chains',
  'chains.section.special': 'Specialty industry chains',
  'chains.sectionCount': '{count} chains',
  'chains.liaisonLeader': 'Liaison leader',
  'chains.responsibleLeaders': 'Responsible leaders',
  'chains.responsibleUnits': 'Responsible units',
  'chains.leadUnits': 'Lead unit',
  'chains.cooperatingUnits': 'Cooperating units',
  'chains.anchorFirms': 'Anchor firms',
  'chains.notListed': 'None listed',
  'chains.targets': 'Targets for {year}',
  'chains.noTargets': 'No targets entered for {year}',
  'chains.target.signed': 'Signed amount',
  'chains.target.bigProjects': 'Projects of {threshold} or more',
  'chains.target.bigProjectsCount': 'at least {count}',
  'chains.target.funds': 'Funds in place',
  'chains.direction': 'Investment direction',
  'chains.keyTasks': 'Key tasks',
  'chains.taskUnits': 'Responsible units',
  'chains.noKeyTasks': 'No key tasks for this chain in the {year} plan (none are shown until the plan is entered and published)',
  'chains.loading': 'Loading the industry chains…',
  'chains.error.title': 'The industry chains could not be loaded',
  'chains.error.hint':
    'Check your network connection and try again. If it keeps failing, contact the system administrator.',
  'chains.retry': 'Try again',
  'chains.empty': 'No industry chains yet',
  'chains.empty.hint':
    'The chain reference data has not been loaded. Please contact the system administrator.',
  'chains.backToOverview': 'Back to the overview',
  'chains.notFound': 'Industry chain not found',
  'chains.notFound.hint':
    'The link may be out of date. Please open the chain from the overview.',
  'chains.board': 'Pipeline board',
};
