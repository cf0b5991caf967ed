import type { ChainCode, ChainLinkKind, ChainLinkStatus, ChainLinkTier } from '@crm/domain';

/** One link of a seeded map: the plan's words it comes from, a draft for the office to confirm. */
export interface SeedChainLink {
  name: string;
  tier: ChainLinkTier;
  /** A sub-link names its parent link. */
  parent?: string;
  status: ChainLinkStatus;
  kind?: ChainLinkKind;
  /** The plan's words (plan-2025.txt with its line breaks and spaces taken out). */
  quote: string;
  /** Local firms of the enterprise library on the link (by name; the chain's anchor firms are 链主). */
  firms?: string[];
}

export interface SeedChainMap {
  chain: ChainCode;
  links: SeedChainLink[];
}

/** The status the seed gives is the plan's reading, to be confirmed: 建成/加快 a named project → weak, 招引/引进/谋划 → missing. */
const REASON = '草稿：据2025年招商引资工作方案原文整理，待办公室确认环节状况';

/**
 * 2025 招商图谱 drafted from the plan's 招商方向 and 重点任务 (annex 《格尔木市“5+2”产业链招商专班工作
 * 任务》): each chain's products and links named there, upstream to downstream, each with the words
 * it came from. Every link is seeded as a draft (draft = true) with REASON as its status reason.
 */
export const CHAIN_MAPS_2025: { year: number; reason: string; createdAt: string; maps: SeedChainMap[] } = {
  year: 2025,
  reason: REASON,
  createdAt: '2025-01-01T00:00:00+08:00',
  maps: [
    {
      chain: 'clean-energy',
      links: [
        { name: '电源建设（风电、光伏）', tier: 'upstream', status: 'strong', quote: '加快建设电源项目', firms: ['中国华电集团有限公司格尔木分公司'] },
        { name: '风电装备制造', tier: 'upstream', status: 'weak', kind: 'strengthen', quote: '构建风力发电装备全产业链条' },
        { name: '高原叶片制造', tier: 'upstream', parent: '风电装备制造', status: 'weak', kind: 'strengthen', quote: '建成东方电气高原叶片制造、远景能源风电整机制造项目' },
        { name: '配套材料与装备', tier: 'upstream', parent: '风电装备制造', status: 'missing', kind: 'fill', quote: '积极招引与之配套的材料、装备制造项目' },
        { name: '电网', tier: 'midstream', status: 'weak', kind: 'strengthen', quote: '提速升级电网功能' },
        { name: '新型储能', tier: 'midstream', status: 'weak', kind: 'strengthen', quote: '促进新型储能多元化规模化发展' },
        { name: '储能系统集成', tier: 'midstream', parent: '新型储能', status: 'missing', kind: 'fill', quote: '力争厦门海辰科技储能Pack系统集成装备制造' },
        { name: '氢能', tier: 'midstream', status: 'missing', kind: 'fill', quote: '以氢能、储能电池、装备制造、运维服务为主攻方向' },
        { name: '算力与绿电应用', tier: 'downstream', status: 'weak', kind: 'extend', quote: '推动昆仑云谷智算产业园、柴达木绿色微电网、耘驰算力中心项目取得实质进展' },
        { name: '运维服务', tier: 'downstream', status: 'missing', kind: 'extend', quote: '以氢能、储能电池、装备制造、运维服务为主攻方向' },
        { name: '光伏组件回收', tier: 'downstream', status: 'missing', kind: 'extend', quote: '上海晶环嘉远废旧光伏组件回收利用项目落地实施' },
        { name: '碳捕捉与粉煤灰利用', tier: 'downstream', status: 'missing', kind: 'extend', quote: '推进碳捕捉回收、粉煤灰综合利用等领域项目落地' },
      ],
    },
    {
      chain: 'salt-lake-chemical',
      links: [
        { name: '钾', tier: 'upstream', status: 'strong', quote: '年内建成国达化工60万吨钾肥复合肥造粒及20万吨微量水溶肥', firms: ['青海盐湖工业股份有限公司'] },
        { name: '钾肥深加工', tier: 'upstream', parent: '钾', status: 'weak', kind: 'strengthen', quote: '推动40万吨硝酸钾、30万吨高端专用肥、3万吨食品级氯化钾' },
        { name: '锂', tier: 'midstream', status: 'weak', kind: 'strengthen', quote: '汇信新材料2万吨高质碳酸锂', firms: ['青海汇信资产管理有限公司'] },
        { name: '锂电材料', tier: 'midstream', parent: '锂', status: 'missing', kind: 'extend', quote: '规划布局动力储能电池制造、正负极材料、特种隔膜、电解液等项目建设，延伸锂电产业链条' },
        { name: '镁', tier: 'midstream', status: 'weak', kind: 'fill', quote: '开展100万吨氢氧化镁（氧化镁）综合利用项目前期工作' },
        { name: '钠', tier: 'midstream', status: 'weak', kind: 'strengthen', quote: '盐湖股份4万吨基础锂盐和500万吨工业盐' },
        { name: '氯', tier: 'midstream', status: 'missing', kind: 'fill', quote: '绿氢-绿氨-金属镁-高纯氢氧化镁-氯化铵一体化' },
        { name: '熔盐储能与氢能', tier: 'downstream', status: 'missing', kind: 'extend', quote: '推动建设氢能、熔盐储热等项目发展' },
        { name: '含氟新材料', tier: 'downstream', status: 'missing', kind: 'extend', quote: '天行化工含氟新材料项目' },
      ],
    },
    {
      chain: 'metallurgy',
      links: [
        { name: '资源开采', tier: 'upstream', status: 'strong', quote: '逐步构建资源—开采—冶炼—加工—废金属回收完整产业链', firms: ['青海金川矿业有限责任公司'] },
        { name: '多金属矿采选', tier: 'upstream', parent: '资源开采', status: 'weak', kind: 'strengthen', quote: '建成新疆矿业哈西雅图多金属矿' },
        { name: '冶炼', tier: 'midstream', status: 'weak', kind: 'strengthen', quote: '建设优质黑色金属及其合金冶炼加工基地' },
        { name: '镍钴精深加工', tier: 'midstream', parent: '冶炼', status: 'missing', kind: 'fill', quote: '引进布局镍、钴精深加工项目' },
        { name: '金属深加工', tier: 'downstream', status: 'weak', kind: 'strengthen', quote: '加快镁、钛、铜、铅、锌、镍深加工及高性能特种钢新产品高质量开发', firms: ['青海西矿稀贵金属有限公司'] },
        { name: '碳材料（石墨）', tier: 'downstream', status: 'missing', kind: 'extend', quote: '开展高纯石墨、石墨烯、石墨合金材料、石墨烯电池等项目招引工作' },
        { name: '废金属与尾矿回收', tier: 'downstream', status: 'missing', kind: 'fill', quote: '回收铜铅锌尾矿中的贵金属' },
      ],
    },
    {
      chain: 'oil-gas-chemical',
      links: [
        { name: '油气勘探开采', tier: 'upstream', status: 'strong', quote: '稳步扩大油气资源勘探开采规模' },
        { name: '炼油', tier: 'midstream', status: 'strong', quote: '加快推进格尔木炼油厂扩能', firms: ['格尔木炼油厂'] },
        { name: '天然气处理', tier: 'midstream', status: 'weak', kind: 'strengthen', quote: '重点推进昆仑能源日处理100万立方米天然气' },
        { name: '乙烯深加工与化工新材料', tier: 'downstream', status: 'missing', kind: 'extend', quote: '重点引进乙烯深加工企业及工程塑料、合成树脂、化纤原料和新材料等下游产品加工企业' },
        { name: '制氢与合成氨', tier: 'downstream', status: 'weak', kind: 'fill', quote: '推进东方电气“离网制氢·储氢”示范、深能集团氢制合成氨一体化等重点项目' },
        { name: '氟化工', tier: 'downstream', status: 'missing', kind: 'extend', quote: '在石油资源高端开发综合利用、氢能、氟化工等寻求合作' },
      ],
    },
    {
      chain: 'land-port-logistics',
      links: [
        { name: '陆港枢纽与物流通道', tier: 'upstream', status: 'weak', kind: 'strengthen', quote: '加快推进国际陆港、国际物流大通道建设步伐', firms: ['格尔木陆港枢纽投资开发有限责任公司'] },
        { name: '铁路与多式联运物流', tier: 'midstream', status: 'weak', kind: 'strengthen', quote: '大力发展铁路物流、公路物流、多式联运物流、保税物流、城市配送、跨境电商' },
        { name: '仓储与保税', tier: 'midstream', status: 'missing', kind: 'fill', quote: '谋划对接好陆港现代化仓储中心、国际陆港综合保税区' },
        { name: '跨境电商', tier: 'downstream', status: 'missing', kind: 'extend', quote: '国际陆港跨境电商中心' },
        { name: '商贸与加工贸易', tier: 'downstream', status: 'missing', kind: 'extend', quote: '陆港小商品加工贸易中心' },
      ],
    },
    {
      chain: 'culture-tourism',
      links: [
        { name: '核心景区开发', tier: 'upstream', status: 'weak', kind: 'strengthen', quote: '积极打造西王母瑶池、梦幻盐湖、东台吉乃尔湖等核心景区', firms: ['格尔木文化旅游投资集团有限公司'] },
        { name: '重点文旅企业', tier: 'midstream', status: 'missing', kind: 'fill', quote: '积极引进重点文旅企业，参与景区开发建设' },
        { name: '旅游环线', tier: 'midstream', status: 'weak', kind: 'strengthen', quote: '构建柴达木旅游环线' },
        { name: '文旅推介与节庆', tier: 'downstream', status: 'weak', kind: 'extend', quote: '通过文化旅游交流及旅游资源专题推介、举办文旅节庆系列活动等方式' },
      ],
    },
    {
      chain: 'agri-pastoral',
      links: [
        { name: '饲草基地', tier: 'upstream', status: 'weak', kind: 'strengthen', quote: '重点抓好5万亩饲草基地建设项目', firms: ['格尔木农垦（集团）有限公司'] },
        { name: '枸杞与牛羊养殖', tier: 'upstream', status: 'strong', quote: '发挥枸杞、牛羊等特色农畜产品优势' },
        { name: '精深加工', tier: 'midstream', status: 'weak', kind: 'strengthen', quote: '建设锁鲜、烘干、原浆等生产线' },
        { name: '冷链仓储物流', tier: 'midstream', status: 'missing', kind: 'fill', quote: '加快建设保鲜、冷链仓储物流设施' },
        { name: '枸杞商贸与品牌', tier: 'downstream', status: 'weak', kind: 'extend', quote: '逐步将其打造为综合性枸杞商贸物流区' },
      ],
    },
  ],
};
