import type { ChainCode, Stage } from '@crm/domain';

/** One intended project named in a chain's key tasks (重点任务) of the 2025 plan's annex. */
export interface SampleProject {
  chain: ChainCode;
  /** 重点任务 number within the chain (the annex's 1. 2. 3. 4.). */
  keyTaskSeq: number;
  /** As the key task's milestone names it (key_task_milestone.project_name): the two are linked. */
  name: string;
  /** The investor as the text names it; null when the text names none. */
  investor: string | null;
  /** An enterprise of the library the investor is, by its canonical name. */
  enterprise?: string;
  /**
   * The stage the project is put at: the highest whose gate its known facts pass (SAMPLE_STAGE
   * unless a project is given more facts than the text has).
   */
  stage?: Stage;
  /** The plan's words for what the year commits the project to (its milestone), not its state. */
  wording: string;
}

/** Shown as the investor when the text names none: the gate needs one, and we invent none. */
export const INVESTOR_NOT_NAMED = '待明确（原文未列明投资方）';

/**
 * Where each sample project stands in February 2025, as its facts support.
 *
 * The plan's words (年内建成, 开工建设, 力争落地, 对接…) say what each project should reach by the
 * end of the year: that is the key task's milestone (key_task_milestone, target stage read from the
 * words in the reference seed), and the loader links each milestone to its project here. They do not
 * say where the project is today. A stage is entered only through its gate (stage-gate.ts), and the
 * text gives none of the facts beyond the first one asks for:
 *   信息收集 needs a name, the chain, an investor (or INVESTOR_NOT_NAMED), a source channel, the
 *     responsible unit (the key task's first) and an owner: the text gives these;
 *   对接洽谈 needs a logged contact and an estimated investment: the text records no contact and
 *     gives no amount (even 对接 / 洽谈 in the plan is what is to be done this year);
 *   项目评估 needs an evaluation, 项目签约 an agreement with amount, date and reference, 项目供地 the
 *     parcel and approval, 项目开工 the start date and permit, 竣工投产 the completion date: none is
 *     in the text (昆仑大峡谷 and 胡杨林沙漠公园 are called 签约项目, but no agreement is given).
 * So every sample project is at 信息收集, with its year-end commitment as its milestone; nothing
 * (amount, contact, reference, date) is invented to move it further. The loader checks each
 * project against the gate of its stage before writing it.
 */
export const SAMPLE_STAGE: Stage = 'lead';

/**
 * The named intended projects of each chain's key tasks, with the plan's words for the year's
 * commitment and no amounts (the text gives none). Projects the text mentions only as existing
 * operations (产能达标达产) or as a category (镍、钴精深加工项目) are left out.
 */
export const SAMPLE_PIPELINE_2025: SampleProject[] = [
  // 清洁能源 — 重点任务 2, 3
  {
    chain: 'clean-energy',
    keyTaskSeq: 2,
    name: '东方电气高原叶片制造',
    investor: '东方电气',
    wording: '建成东方电气高原叶片制造…项目',
  },
  {
    chain: 'clean-energy',
    keyTaskSeq: 2,
    name: '远景能源风电整机制造',
    investor: '远景能源',
    wording: '建成…远景能源风电整机制造项目',
  },
  {
    chain: 'clean-energy',
    keyTaskSeq: 3,
    name: '昆仑云谷智算产业园',
    investor: null,
    wording: '推动昆仑云谷智算产业园…取得实质进展',
  },
  {
    chain: 'clean-energy',
    keyTaskSeq: 3,
    name: '柴达木绿色微电网',
    investor: null,
    wording: '推动…柴达木绿色微电网…取得实质进展',
  },
  {
    chain: 'clean-energy',
    keyTaskSeq: 3,
    name: '耘驰算力中心',
    investor: '耘驰',
    wording: '推动…耘驰算力中心项目取得实质进展',
  },
  {
    chain: 'clean-energy',
    keyTaskSeq: 3,
    name: '江苏德春电力智慧能源智能设备制造',
    investor: '江苏德春电力',
    wording: '加大…意向项目对接力度',
  },
  {
    chain: 'clean-energy',
    keyTaskSeq: 3,
    name: '江苏盈丰电力装备制造',
    investor: '江苏盈丰电力',
    wording: '加大…意向项目对接力度',
  },
  {
    chain: 'clean-energy',
    keyTaskSeq: 3,
    name: '厦门海辰科技储能Pack系统集成装备制造',
    investor: '厦门海辰科技',
    wording: '力争…项目落地实施',
  },
  {
    chain: 'clean-energy',
    keyTaskSeq: 3,
    name: '上海晶环嘉远废旧光伏组件回收利用',
    investor: '上海晶环嘉远',
    wording: '力争…项目落地实施',
  },

  // 盐湖化工 — 重点任务 2, 3, 4
  {
    chain: 'salt-lake-chemical',
    keyTaskSeq: 2,
    name: '国达化工60万吨钾肥复合肥造粒及20万吨微量水溶肥',
    investor: '国达化工',
    wording: '年内建成',
  },
  {
    chain: 'salt-lake-chemical',
    keyTaskSeq: 2,
    name: '盐湖沃锦40万吨熔盐',
    investor: '盐湖沃锦',
    wording: '年内建成',
  },
  {
    chain: 'salt-lake-chemical',
    keyTaskSeq: 2,
    name: '盐湖股份4万吨基础锂盐和500万吨工业盐',
    investor: '盐湖股份',
    enterprise: '青海盐湖工业股份有限公司',
    wording: '年内建成',
  },
  {
    chain: 'salt-lake-chemical',
    keyTaskSeq: 2,
    name: '汇信新材料2万吨高质碳酸锂',
    investor: '汇信新材料',
    wording: '年内建成',
  },
  {
    chain: 'salt-lake-chemical',
    keyTaskSeq: 2,
    name: '格尔木盐化食用盐车间搬迁改造提升',
    investor: '格尔木盐化',
    wording: '年内建成',
  },
  {
    chain: 'salt-lake-chemical',
    keyTaskSeq: 3,
    name: '40万吨硝酸钾',
    investor: null,
    wording: '推动…项目落地',
  },
  {
    chain: 'salt-lake-chemical',
    keyTaskSeq: 3,
    name: '30万吨高端专用肥',
    investor: null,
    wording: '推动…项目落地',
  },
  {
    chain: 'salt-lake-chemical',
    keyTaskSeq: 3,
    name: '3万吨食品级氯化钾',
    investor: null,
    wording: '推动…项目落地',
  },
  {
    chain: 'salt-lake-chemical',
    keyTaskSeq: 3,
    name: '西藏正沃3万吨高纯碳酸锂',
    investor: '西藏正沃',
    wording: '推动…项目落地',
  },
  {
    chain: 'salt-lake-chemical',
    keyTaskSeq: 3,
    name: '青海锂业年产30万吨硫酸钾',
    investor: '青海锂业',
    wording: '推动…项目落地',
  },
  {
    chain: 'salt-lake-chemical',
    keyTaskSeq: 3,
    name: '卤水提锂中试',
    investor: null,
    wording: '推动…项目落地',
  },
  {
    chain: 'salt-lake-chemical',
    keyTaskSeq: 4,
    name: '100万吨氢氧化镁（氧化镁）综合利用',
    investor: '西部镁业',
    wording: '加强与西部镁业的沟通衔接，开展…项目前期工作',
  },
  {
    chain: 'salt-lake-chemical',
    keyTaskSeq: 4,
    name: '绿氢-绿氨-金属镁-高纯氢氧化镁-氯化铵一体化',
    investor: '中南大学、中国能源建设集团',
    wording: '开展…前期工作',
  },
  {
    chain: 'salt-lake-chemical',
    keyTaskSeq: 4,
    name: '天行化工含氟新材料',
    investor: '天行化工',
    wording: '开展…前期工作',
  },

  // 金属冶金 — 重点任务 1, 2, 3
  {
    chain: 'metallurgy',
    keyTaskSeq: 1,
    name: '新疆矿业哈西雅图多金属矿',
    investor: '新疆矿业',
    wording: '建成新疆矿业哈西雅图多金属矿',
  },
  {
    chain: 'metallurgy',
    keyTaskSeq: 1,
    name: '鸿鑫矿业二期',
    investor: '鸿鑫矿业',
    wording: '开工建设鸿鑫矿业二期',
  },
  {
    chain: 'metallurgy',
    keyTaskSeq: 1,
    name: '生光矿业铁多金属矿',
    investor: '生光矿业',
    wording: '开工建设…生光矿业铁多金属矿等项目',
  },
  {
    chain: 'metallurgy',
    keyTaskSeq: 2,
    name: '天能控股集团铅酸储能电池',
    investor: '天能控股集团',
    wording: '积极推动…等项目落地实施',
  },
  {
    chain: 'metallurgy',
    keyTaskSeq: 2,
    name: '云南镇沅华硕贵金属金精粉精炼',
    investor: '云南镇沅华硕',
    wording: '积极推动…等项目落地实施',
  },
  {
    chain: 'metallurgy',
    keyTaskSeq: 2,
    name: '昆龙伟业铅锌矿采选加工',
    investor: '昆龙伟业',
    wording: '积极推动…等项目落地实施',
  },
  {
    chain: 'metallurgy',
    keyTaskSeq: 3,
    name: '中光宏图石墨负极材料',
    investor: '中光宏图',
    wording: '积极对接…重点意向项目',
  },
  {
    chain: 'metallurgy',
    keyTaskSeq: 3,
    name: '江丰电子碳化硅',
    investor: '江丰电子',
    wording: '积极对接…重点意向项目',
  },
  {
    chain: 'metallurgy',
    keyTaskSeq: 3,
    name: '金川集团镍正极材料',
    investor: '金川集团',
    wording: '积极对接…重点意向项目',
  },
  {
    chain: 'metallurgy',
    keyTaskSeq: 3,
    name: '西矿集团电解铜',
    investor: '西矿集团',
    wording: '积极对接…重点意向项目',
  },
  {
    chain: 'metallurgy',
    keyTaskSeq: 3,
    name: '镁系轻型材料',
    investor: null,
    wording: '积极对接…重点意向项目',
  },

  // 油气能源化工 — 重点任务 2, 3
  {
    chain: 'oil-gas-chemical',
    keyTaskSeq: 2,
    name: '格尔木炼油厂扩能',
    investor: '格尔木炼油厂',
    enterprise: '格尔木炼油厂',
    wording: '加快推进格尔木炼油厂扩能',
  },
  {
    chain: 'oil-gas-chemical',
    keyTaskSeq: 2,
    name: '格尔木炼油厂绿色工厂建设',
    investor: '格尔木炼油厂',
    enterprise: '格尔木炼油厂',
    wording: '推进格尔木炼油厂绿色工厂建设',
  },
  {
    chain: 'oil-gas-chemical',
    keyTaskSeq: 2,
    name: '东方电气“离网制氢·储氢”示范',
    investor: '东方电气',
    wording: '推进…重点项目，年内建成运营和开工建设一批',
  },
  {
    chain: 'oil-gas-chemical',
    keyTaskSeq: 2,
    name: '深能集团氢制合成氨一体化',
    investor: '深能集团',
    wording: '推进…重点项目，年内建成运营和开工建设一批',
  },
  {
    chain: 'oil-gas-chemical',
    keyTaskSeq: 3,
    name: '昆仑能源日处理100万立方米天然气',
    investor: '昆仑能源',
    wording: '重点意向项目，力争落地实施',
  },
  {
    chain: 'oil-gas-chemical',
    keyTaskSeq: 3,
    name: '华电海西新能源弃电制氢用氢示范',
    investor: '华电海西新能源',
    wording: '重点意向项目，力争落地实施',
  },
  {
    chain: 'oil-gas-chemical',
    keyTaskSeq: 3,
    name: '华润2MW电解水制氢',
    investor: '华润',
    wording: '重点意向项目，力争落地实施',
  },
  {
    chain: 'oil-gas-chemical',
    keyTaskSeq: 3,
    name: '山西国际能源绿电制氢一体化',
    investor: '山西国际能源',
    wording: '重点意向项目，力争落地实施',
  },

  // 陆港物流 — 重点任务 1, 2, 3
  {
    chain: 'land-port-logistics',
    keyTaskSeq: 1,
    name: '兴华源智慧供应链产业园',
    investor: '兴华源',
    wording: '加快…项目建设',
  },
  {
    chain: 'land-port-logistics',
    keyTaskSeq: 1,
    name: '青海潮源工程机械产业园',
    investor: '青海潮源',
    wording: '加快…项目建设',
  },
  {
    chain: 'land-port-logistics',
    keyTaskSeq: 1,
    name: '昆仑国际物流园',
    investor: null,
    wording: '加快…项目建设',
  },
  {
    chain: 'land-port-logistics',
    keyTaskSeq: 2,
    name: '陆港北片区铁路作业区',
    investor: null,
    wording: '力争…建设项目年内开工建设',
  },
  {
    chain: 'land-port-logistics',
    keyTaskSeq: 2,
    name: '陆港海关监管场所',
    investor: null,
    wording: '力争…建设项目年内开工建设',
  },
  {
    chain: 'land-port-logistics',
    keyTaskSeq: 2,
    name: '达布逊物流园区',
    investor: null,
    wording: '力争…建设项目年内开工建设',
  },
  {
    chain: 'land-port-logistics',
    keyTaskSeq: 3,
    name: '陆港现代化仓储中心',
    investor: null,
    wording: '谋划对接好…建设项目',
  },
  {
    chain: 'land-port-logistics',
    keyTaskSeq: 3,
    name: '国际陆港综合保税区',
    investor: null,
    wording: '谋划对接好…建设项目',
  },
  {
    chain: 'land-port-logistics',
    keyTaskSeq: 3,
    name: '国际陆港跨境电商中心',
    investor: null,
    wording: '谋划对接好…建设项目',
  },
  {
    chain: 'land-port-logistics',
    keyTaskSeq: 3,
    name: '陆港小商品加工贸易中心',
    investor: null,
    wording: '谋划对接好…建设项目',
  },

  // 文化旅游 — 重点任务 1, 2
  {
    chain: 'culture-tourism',
    keyTaskSeq: 1,
    name: '梦幻盐湖景区开发建设',
    investor: null,
    wording: '加快推进…核心景区开发建设',
  },
  {
    chain: 'culture-tourism',
    keyTaskSeq: 1,
    name: '东台吉乃尔湖景区开发建设',
    investor: null,
    wording: '加快推进…核心景区开发建设',
  },
  {
    chain: 'culture-tourism',
    keyTaskSeq: 1,
    name: '昆仑大峡谷',
    investor: null,
    wording: '积极推动昆仑大峡谷…等签约项目落地实施',
  },
  {
    chain: 'culture-tourism',
    keyTaskSeq: 1,
    name: '胡杨林沙漠公园',
    investor: null,
    wording: '积极推动…胡杨林沙漠公园等签约项目落地实施',
  },
  {
    chain: 'culture-tourism',
    keyTaskSeq: 2,
    name: '西王母瑶池景区',
    investor: null,
    wording: '积极谋划…作为重点项目持续开展招商',
  },
  {
    chain: 'culture-tourism',
    keyTaskSeq: 2,
    name: '昆仑文化公园',
    investor: null,
    wording: '积极谋划…作为重点项目持续开展招商',
  },
  {
    chain: 'culture-tourism',
    keyTaskSeq: 2,
    name: '六子湖生态文化教育基地',
    investor: null,
    wording: '积极谋划…作为重点项目持续开展招商',
  },
  {
    chain: 'culture-tourism',
    keyTaskSeq: 2,
    name: '国际丝路公园',
    investor: null,
    wording: '积极谋划…作为重点项目持续开展招商',
  },
  {
    chain: 'culture-tourism',
    keyTaskSeq: 2,
    name: '乌图美仁“沙漠之眼”',
    investor: null,
    wording: '积极谋划…作为重点项目持续开展招商',
  },
  {
    chain: 'culture-tourism',
    keyTaskSeq: 2,
    name: '那贝雅丹',
    investor: null,
    wording: '积极谋划…作为重点项目持续开展招商',
  },
  {
    chain: 'culture-tourism',
    keyTaskSeq: 2,
    name: '盐湖雅丹',
    investor: null,
    wording: '积极谋划…作为重点项目持续开展招商',
  },

  // 特色农牧 — 重点任务 1, 2
  {
    chain: 'agri-pastoral',
    keyTaskSeq: 1,
    name: '特色生物产业园锁鲜、烘干、原浆生产线',
    investor: null,
    wording: '建设锁鲜、烘干、原浆等生产线',
  },
  {
    chain: 'agri-pastoral',
    keyTaskSeq: 1,
    name: '保鲜、冷链仓储物流设施',
    investor: null,
    wording: '加快建设保鲜、冷链仓储物流设施',
  },
  {
    chain: 'agri-pastoral',
    keyTaskSeq: 2,
    name: '5万亩饲草基地',
    investor: null,
    wording: '重点抓好5万亩饲草基地建设项目…推进项目建设',
  },
];
