import type { ActivityKind, ChainCode, EvaluationConclusion, ProjectStatus, SourceChannel, Stage } from '@crm/domain';

/*
 * Synthetic projects for demos and benchmarks: the same scale and seed give the same data, byte for
 * byte. Every project is consistent with the stage gates (a signed project has a passed evaluation,
 * an initial agreement and contacts; a project in production has its land, start and completion).
 * All dates lie on or before SYNTHETIC_AS_OF, so the data never depends on today.
 */

export const SYNTHETIC_AS_OF = '2025-10-31';

const CHAINS: ChainCode[] = [
  'clean-energy',
  'salt-lake-chemical',
  'metallurgy',
  'oil-gas-chemical',
  'land-port-logistics',
  'culture-tourism',
  'agri-pastoral',
];
const STAGE_ORDER: Stage[] = ['lead', 'negotiation', 'evaluation', 'signed', 'land', 'construction', 'production'];
/** A funnel: many leads, few in production (per mille). */
const STAGE_WEIGHTS = [300, 250, 120, 100, 80, 90, 60];
const CHAIN_WEIGHTS = [30, 22, 14, 10, 10, 8, 6];
const CHANNELS: SourceChannel[] = [
  'through-firms',
  'resident',
  'platform-expo',
  'scenario',
  'enclave-aid',
  'third-party',
  'other',
];
const CONTACTS: ActivityKind[] = ['visit', 'negotiation', 'call', 'meeting', 'site-inspection'];
const FIRMS = [
  '华能',
  '国电投',
  '中广核',
  '宁德时代',
  '比亚迪',
  '隆基',
  '天合',
  '金风',
  '明阳',
  '盐湖',
  '藏格',
  '西部矿业',
  '中铝',
  '紫金',
  '中石油',
  '中石化',
  '顺丰',
  '京东',
  '华侨城',
  '首旅',
  '伊利',
  '蒙牛',
  '中粮',
];
const PRODUCTS: Record<ChainCode, string[]> = {
  'clean-energy': ['光伏电站', '风电场', '储能电站', '绿氢制备', '光热发电', '电池回收'],
  'salt-lake-chemical': ['碳酸锂', '氯化钾', '硫酸钾', '氢氧化镁', '熔盐储热', '电池级氯化锂'],
  metallurgy: ['铅锌冶炼', '镍钴精深加工', '石墨负极', '电解铜', '镁合金', '碳化硅'],
  'oil-gas-chemical': ['天然气处理', '乙烯深加工', '合成氨', '工程塑料', '甲醇', '炼油扩能'],
  'land-port-logistics': ['冷链仓储', '多式联运中心', '跨境电商园', '保税仓', '城市配送中心', '车辆维修中心'],
  'culture-tourism': ['景区开发', '文旅综合体', '房车营地', '民宿集群', '研学基地', '演艺中心'],
  'agri-pastoral': ['枸杞精深加工', '饲草基地', '冷链物流', '牦牛肉加工', '藜麦种植', '有机肥'],
};

export interface SyntheticProject {
  id: string;
  name: string;
  chain: ChainCode;
  investorName: string;
  sourceChannel: SourceChannel;
  /** Index into the chain's responsible units and into its synthetic owners (taken modulo). */
  unitIndex: number;
  ownerIndex: number;
  plannedInvestment: string;
  major: boolean;
  status: ProjectStatus;
  statusReason: string | null;
  stage: Stage;
  createdAt: string;
  landParcel: string | null;
  landAreaMu: string | null;
  landApprovalRef: string | null;
  landApprovedOn: string | null;
  constructionStartedOn: string | null;
  constructionPermitRef: string | null;
  completedOn: string | null;
}

export interface SyntheticData {
  projects: SyntheticProject[];
  stageMoves: { projectId: string; from: Stage | null; to: Stage; movedAt: string }[];
  activities: {
    id: string;
    projectId: string;
    kind: ActivityKind;
    occurredOn: string;
    summary: string;
    nextFollowUpOn: string | null;
  }[];
  evaluations: {
    id: string;
    projectId: string;
    conclusion: EvaluationConclusion | null;
    eliminated: boolean;
    concludedOn: string | null;
  }[];
  agreements: {
    projectId: string;
    kind: 'initial' | 'supplementary';
    amount: string;
    signedOn: string;
    agreementRef: string;
  }[];
  fundArrivals: { projectId: string; month: string; amount: string; verified: boolean }[];
}

/** mulberry32: small, fast, and the same sequence on every platform. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const asOf = Date.parse(`${SYNTHETIC_AS_OF}T00:00:00Z`);
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Hundredths of a 万元 (integers, exact) as a decimal string. */
const wan = (hundredths: number) => `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;

/** Shapes beyond the defaults, for the benchmark's city-sized sets (issue 7). */
export interface SyntheticShape {
  /** Histories end anywhere in the last `years` years before SYNTHETIC_AS_OF (default 1: all recent). */
  years?: number;
  /** Contacts of a project past 信息收集, inclusive range (default 1..4). */
  contacts?: [number, number];
  /**
   * Fund entries of a project under construction or producing, inclusive range, spread from its
   * signing to SYNTHETIC_AS_OF (default: 1..6 months in a row from signing).
   */
  fundEntries?: [number, number];
}

/**
 * `scale` projects of the seven chains, deterministic for a given `seed` and shape, with their
 * history, contacts, evaluations, agreements and funds in place.
 */
export function generateSyntheticProjects(scale: number, seed = 2025, shape: SyntheticShape = {}): SyntheticData {
  const random = prng(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const weighted = <T>(items: readonly T[], weights: number[]) => {
    let r = random() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < items.length; i++) if ((r -= weights[i]) < 0) return items[i];
    return items[items.length - 1];
  };
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
    hex[12] = '4';
    hex[16] = ((parseInt(hex[16], 16) & 3) | 8).toString(16);
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  };

  const data: SyntheticData = {
    projects: [],
    stageMoves: [],
    activities: [],
    evaluations: [],
    agreements: [],
    fundArrivals: [],
  };
  for (let n = 1; n <= scale; n++) {
    const id = uuid();
    const chain = weighted(CHAINS, CHAIN_WEIGHTS);
    const stage = weighted(STAGE_ORDER, STAGE_WEIGHTS);
    const depth = STAGE_ORDER.indexOf(stage);
    const firm = pick(FIRMS);
    // Each stage took 10-90 days; the project was created that long before SYNTHETIC_AS_OF, minus slack.
    const durations = Array.from({ length: depth }, () => int(10, 90));
    // Over several years, each history ends on a day of its own; the draw only happens then, so
    // the default shape gives the same data as before.
    const endMs = (shape.years ?? 1) > 1 ? asOf - int(0, ((shape.years ?? 1) - 1) * 365) * DAY : asOf;
    const createdMs = endMs - (durations.reduce((a, b) => a + b, 0) + int(1, 60)) * DAY;
    const planned = int(500, 50_000) * 100 * (random() < 0.2 ? 10 : 1) + int(0, 99);
    const statusRoll = random();
    const status: ProjectStatus = statusRoll < 0.85 ? 'active' : statusRoll < 0.95 ? 'paused' : 'dropped';
    const project: SyntheticProject = {
      id,
      name: `${firm}${pick(PRODUCTS[chain])}项目（合成${String(n).padStart(6, '0')}）`,
      chain,
      investorName: `${firm}集团`,
      sourceChannel: pick(CHANNELS),
      unitIndex: int(0, 9),
      ownerIndex: int(0, 9),
      plannedInvestment: wan(planned),
      major: planned >= 10_000 * 100,
      status,
      statusReason: status === 'active' ? null : status === 'paused' ? '投资方资金安排调整' : '投资方放弃投资',
      stage,
      createdAt: new Date(createdMs).toISOString(),
      landParcel: null,
      landAreaMu: null,
      landApprovalRef: null,
      landApprovedOn: null,
      constructionStartedOn: null,
      constructionPermitRef: null,
      completedOn: null,
    };
    data.projects.push(project);

    let at = createdMs;
    const entered: number[] = [at];
    data.stageMoves.push({ projectId: id, from: null, to: 'lead', movedAt: new Date(at).toISOString() });
    for (let s = 1; s <= depth; s++) {
      at += durations[s - 1] * DAY;
      entered.push(at);
      data.stageMoves.push({
        projectId: id,
        from: STAGE_ORDER[s - 1],
        to: STAGE_ORDER[s],
        movedAt: new Date(at).toISOString(),
      });
    }
    const enteredOn = (s: Stage) => entered[STAGE_ORDER.indexOf(s)];

    // Contacts: at least one before 对接洽谈; the latest sets the next follow-up.
    const contacts = depth >= 1 ? int(...(shape.contacts ?? [1, 4])) : int(0, 1);
    for (let c = 0; c < contacts; c++) {
      // The first contact falls in the lead's first days, before the move to 对接洽谈.
      const ms = c === 0 ? createdMs + DAY : createdMs + Math.floor(((endMs - createdMs) * c) / contacts);
      const day = dateOf(ms);
      data.activities.push({
        id: uuid(),
        projectId: id,
        kind: pick(CONTACTS),
        occurredOn: day,
        summary: `与${firm}集团就${project.name}进行第${c + 1}次对接`,
        nextFollowUpOn: c === contacts - 1 && status === 'active' ? dateOf(ms + Math.max(0, int(-30, 30)) * DAY) : null,
      });
    }

    if (depth >= 2) {
      const signed = depth >= 3;
      const concluded = signed || random() < 0.4;
      const conclusion: EvaluationConclusion | null = !concluded
        ? null
        : signed
          ? random() < 0.8
            ? 'pass'
            : 'conditional'
          : pick(['pass', 'conditional', 'fail'] as const);
      data.evaluations.push({
        id: uuid(),
        projectId: id,
        conclusion,
        eliminated: conclusion === 'fail' && random() < 0.3,
        concludedOn: concluded ? dateOf(enteredOn('evaluation') + DAY) : null,
      });
    }
    if (depth >= 3) {
      const initial = Math.round((planned * int(60, 120)) / 100);
      const signedOn = dateOf(enteredOn('signed'));
      data.agreements.push({
        projectId: id,
        kind: 'initial',
        amount: wan(initial),
        signedOn,
        agreementRef: `GEM-SYN-${n}-A`,
      });
      if (random() < 0.15) {
        data.agreements.push({
          projectId: id,
          kind: 'supplementary',
          amount: wan(Math.max(1, Math.round((initial * int(5, 30)) / 100))),
          signedOn: dateOf(Math.min(asOf, Date.parse(signedOn) + int(10, 120) * DAY)),
          agreementRef: `GEM-SYN-${n}-B`,
        });
      }
      const firstMonth = signedOn.slice(0, 7);
      const firstMs = Date.parse(`${firstMonth}-01T00:00:00Z`);
      if (shape.fundEntries) {
        // Entries (tranches) spread over the months from signing to SYNTHETIC_AS_OF, several a
        // month where the span is short; fewer before land is supplied.
        const [min, max] = shape.fundEntries;
        const entries = depth >= 5 ? int(min, max) : int(0, Math.ceil(min / 2));
        const span = Math.max(1, Math.floor((asOf - firstMs) / (31 * DAY)) + 1);
        for (let e = 0; e < entries; e++) {
          data.fundArrivals.push({
            projectId: id,
            month: dateOf(Math.min(asOf, firstMs + Math.floor((e * span) / entries) * 31 * DAY)).slice(0, 7),
            amount: wan(Math.max(1, Math.round(initial / int(8, 40)))),
            verified: random() < 0.6,
          });
        }
      } else {
        const months = depth >= 5 ? int(1, 6) : int(0, 2);
        for (let m = 0; m < months; m++) {
          const month = dateOf(Math.min(asOf, firstMs + m * 31 * DAY)).slice(0, 7);
          data.fundArrivals.push({
            projectId: id,
            month,
            amount: wan(Math.max(1, Math.round(initial / int(8, 20)))),
            verified: random() < 0.6,
          });
        }
      }
    }
    if (depth >= 4) {
      project.landParcel = `${chain}-地块-${n}`;
      project.landAreaMu = `${int(20, 2000)}.${int(0, 9)}`;
      project.landApprovalRef = `格自然资〔2025〕${n}号`;
      project.landApprovedOn = dateOf(enteredOn('land'));
    }
    if (depth >= 5) {
      project.constructionStartedOn = dateOf(enteredOn('construction'));
      project.constructionPermitRef = `SG-${n}`;
    }
    if (depth >= 6) project.completedOn = dateOf(enteredOn('production'));
  }
  return data;
}
