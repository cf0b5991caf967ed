import type { ReferenceSeed } from '@crm/domain';

/**
 * Reference data of the seven "5+2" industry-chain task forces, transcribed from the annex
 * 《格尔木市“5+2”产业链招商专班工作任务》 of 格尔木市2025年招商引资工作方案 (Golmud municipal
 * government gazette, 2025). Chinese text as written; PDF artifacts removed (line breaks, doubled
 * labels, page headers, spaces inside names and around numbers). Money in 万元.
 *
 * Key-task milestones are the projects each key task names, with the words that commit them and
 * the stage those words reach by year end: read by stageCommittedBy (建成 → 竣工投产, 开工 → 项目开工,
 * 落地 → 项目签约, 对接 / 衔接 / 实质进展 → 对接洽谈, 谋划 / 前期工作 → 信息收集), and set
 * explicitly (targetStage) where the words say more than those keywords:
 *   加快（推进）…建设 / 推进…建设 / 扩能 → 项目开工 (being built within the year);
 *   年内建成运营和开工建设一批 → 项目开工 (a batch is built, a batch started: 开工 at least);
 *   签约项目落地实施 → 项目开工 (already signed, so landing is the start of construction).
 * Goals are only the numbers a key task states with their unit (算力标准机架4000个以上, 规模超过10000P,
 * 5万亩饲草基地). Capacities inside a project's name (60万吨钾肥…) are that project's milestone, not
 * a separate goal.
 */
export const REFERENCE_2025: ReferenceSeed = {
  year: 2025,
  // 二、（五）目标任务：全年完成招商引资签约任务220亿元以上，完成招商引资项目到位资金100亿元，其中：
  // 特色农牧业招商引资项目到位资金同比增长5%、制造业…同比增长20%、现代服务业（含文化旅游、陆港等领域）
  // …同比增长10%。The plan counts as published from the first instant of the year (Asia/Shanghai).
  plan: {
    publishedAt: '2025-01-01T00:00:00+08:00',
    citySignedAmount: '2200000',
    citySignedAtLeast: true,
    cityFundsInPlace: '1000000',
    cityFundsAtLeast: false,
    sectorGrowth: [
      { sector: 'agri-pastoral', growthRate: '5' },
      { sector: 'manufacturing', growthRate: '20' },
      { sector: 'modern-services', growthRate: '10' },
    ],
  },
  people: [
    { name: '赵冬', position: '州委常委、市委书记' },
    { name: '肖军', position: '市委常委、副市长' },
    { name: '胡红梅', position: '市委常委、副市长' },
    { name: '徐进', position: '州政协副主席、市委副书记、市长' },
    { name: '胡文娟', position: '昆仑经济技术开发区管委会副主任' },
    {
      name: '赵文才',
      position: '市委常委、副市长，昆仑经济技术开发区党工委副书记',
    },
    { name: '严仕吉', position: '副州长、市委副书记、副市长' },
    { name: '阿英德', position: '市人大常委会党组书记、主任' },
    { name: '仓尼么才让', position: '副市长' },
    { name: '胡开东', position: '市政协党组书记、主席' },
    { name: '龚国庆', position: '副市长' },
  ],
  units: [
    { name: '市能源局', kind: 'bureau', aliases: [] },
    { name: '市数据局', kind: 'bureau', aliases: [] },
    { name: '昆仑经济技术开发区管委会', kind: 'committee', aliases: [] },
    {
      name: '市发展和改革委员会',
      kind: 'bureau',
      aliases: ['市发展改革委', '市发改委'],
    },
    {
      name: '市工业信息化和科技局',
      kind: 'bureau',
      aliases: ['市工业信息化科技局'],
    },
    { name: '昆鹏能源公司', kind: 'company', aliases: [] },
    { name: '中国移动格尔木分公司', kind: 'company', aliases: [] },
    { name: '察尔汗工行委', kind: 'committee', aliases: ['察尔汗行委'] },
    { name: '市自然资源局', kind: 'bureau', aliases: ['自然资源局'] },
    { name: '市水利局', kind: 'bureau', aliases: ['水利局'] },
    { name: '市生态环境局', kind: 'bureau', aliases: [] },
    { name: '青海省柴达木综合地质矿产勘查院', kind: 'bureau', aliases: [] },
    { name: '陆港园区管委会', kind: 'committee', aliases: [] },
    { name: '市交通运输局', kind: 'bureau', aliases: [] },
    { name: '市住房和城乡建设局', kind: 'bureau', aliases: [] },
    { name: '市文体旅游广电局', kind: 'bureau', aliases: [] },
    { name: '市林业和草原局', kind: 'bureau', aliases: [] },
    { name: '市农牧局', kind: 'bureau', aliases: [] },
    { name: '东城区工行委', kind: 'committee', aliases: [] },
    { name: '西城区工行委', kind: 'committee', aliases: [] },
    {
      name: '格尔木农垦（集团）有限公司',
      kind: 'company',
      aliases: ['格尔木农垦集团', '农垦集团'],
    },
  ],
  enterprises: [
    {
      name: '中国华电集团有限公司格尔木分公司',
      ownership: 'central-soe',
      tags: ['central-soe'],
    },
    { name: '青海盐湖工业股份有限公司' },
    { name: '青海汇信资产管理有限公司' },
    { name: '青海西矿稀贵金属有限公司' },
    { name: '青海金川矿业有限责任公司' },
    { name: '格尔木炼油厂' },
    { name: '格尔木陆港枢纽投资开发有限责任公司' },
    { name: '格尔木文化旅游投资集团有限公司' },
    { name: '格尔木农垦（集团）有限公司' },
  ],
  chains: [
    {
      code: 'clean-energy',
      sector: 'manufacturing',
      nameZh: '清洁能源产业链',
      nameEn: 'Clean Energy Chain',
      kind: 'leading',
      sortOrder: 1,
      direction:
        '强化系统思维，树立集成理念，抢抓格尔木东柴达木沙漠基地建设的重大机遇，在完善基础设施、强化要素保障、促进供需适配上下功夫，加快建设电源项目，提速升级电网功能，促进新型储能多元化规模化发展，推动“清洁能源+”产业强链建链，打造具有显著地方特色的集成应用场景，加快构建绿电全产业体系。',
      liaisonLeader: '赵冬',
      responsibleLeaders: ['肖军', '胡红梅'],
      responsibleUnits: [{ unit: '市能源局' }, { unit: '市数据局' }],
      cooperatingUnits: [
        '昆仑经济技术开发区管委会',
        '市发展和改革委员会',
        '市工业信息化和科技局',
      ],
      anchorFirms: ['中国华电集团有限公司格尔木分公司'],
      keyTasks: [
        {
          seq: 1,
          text: '研究促进多能互补项目落地的具体措施，推动清洁能源应用示范场景建设，力争更多项目挤进全省全州“绿电招商”盘子；加快布局零碳产业园、低碳化工厂。',
          units: [
            '市能源局',
            '市数据局',
            '昆仑经济技术开发区管委会',
            '昆鹏能源公司',
          ],
          milestones: [],
          goals: [],
        },
        {
          seq: 2,
          text: '以氢能、储能电池、装备制造、运维服务为主攻方向，打造配套关联产业项目“生成器”；谋划布局一批重点项目并精准落地；推进碳捕捉回收、粉煤灰综合利用等领域项目落地；构建风力发电装备全产业链条，建成东方电气高原叶片制造、远景能源风电整机制造项目，积极招引与之配套的材料、装备制造项目。',
          units: [
            '昆仑经济技术开发区管委会',
            '市发展和改革委员会',
            '市工业信息化和科技局',
            '市能源局',
            '市数据局',
          ],
          milestones: [
            { projectName: '东方电气高原叶片制造', wording: '建成东方电气高原叶片制造…项目' },
            { projectName: '远景能源风电整机制造', wording: '建成…远景能源风电整机制造项目' },
          ],
          goals: [],
        },
        {
          seq: 3,
          text: '推动昆仑云谷智算产业园、柴达木绿色微电网、耘驰算力中心项目取得实质进展，年内建设算力标准机架4000个以上、规模超过10000P；加大江苏德春电力智慧能源智能设备制造、江苏盈丰电力装备制造等意向项目对接力度；力争厦门海辰科技储能Pack系统集成装备制造、上海晶环嘉远废旧光伏组件回收利用项目落地实施。',
          units: [
            '市数据局',
            '市能源局',
            '昆仑经济技术开发区管委会',
            '市工业信息化和科技局',
            '中国移动格尔木分公司',
          ],
          milestones: [
            { projectName: '昆仑云谷智算产业园', wording: '推动…项目取得实质进展' },
            { projectName: '柴达木绿色微电网', wording: '推动…项目取得实质进展' },
            { projectName: '耘驰算力中心', wording: '推动…项目取得实质进展' },
            { projectName: '江苏德春电力智慧能源智能设备制造', wording: '加大…意向项目对接力度' },
            { projectName: '江苏盈丰电力装备制造', wording: '加大…意向项目对接力度' },
            { projectName: '厦门海辰科技储能Pack系统集成装备制造', wording: '力争…项目落地实施' },
            { projectName: '上海晶环嘉远废旧光伏组件回收利用', wording: '力争…项目落地实施' },
          ],
          goals: [
            { label: '算力标准机架', measureUnit: '个', target: '4000' },
            { label: '算力规模', measureUnit: 'P', target: '10000' },
          ],
        },
      ],
      // 2025年，签约金额140亿元，其中10亿元以上项目不少于5个，全年完成到位资金65亿元。
      target: {
        signedAmount: '1400000',
        signedAtLeast: false,
        bigProjectThreshold: '100000',
        bigProjectMinCount: 5,
        bigProjectAtLeast: true,
        fundsInPlace: '650000',
        fundsAtLeast: false,
      },
    },
    {
      code: 'salt-lake-chemical',
      sector: 'manufacturing',
      nameZh: '盐湖化工产业链',
      nameEn: 'Salt Lake Chemical Chain',
      kind: 'leading',
      sortOrder: 2,
      direction:
        '贯彻落实《青海建设世界级盐湖产业基地行动方案》《察尔汗盐湖绿色园区建设规划》，以建设世界级盐湖产业基地为目标，优化盐湖产业布局，按照循环绿色发展要求，推进产业延链、补链、强链，争创国家级盐湖中小企业特色产业集群，稳步推进盐湖产业壮大规模，着力构建形成世界领先的现代化盐湖化工产业体系。',
      liaisonLeader: '徐进',
      responsibleLeaders: ['胡红梅', '胡文娟'],
      responsibleUnits: [
        { unit: '昆仑经济技术开发区管委会' },
        { unit: '市工业信息化和科技局' },
      ],
      cooperatingUnits: ['察尔汗工行委', '市自然资源局', '市水利局'],
      anchorFirms: ['青海盐湖工业股份有限公司', '青海汇信资产管理有限公司'],
      keyTasks: [
        {
          seq: 1,
          text: '重点发展以化工材料、新能源材料、绿色建筑材料、金属材料、医用材料等新材料的产业体系，规划布局动力储能电池制造、正负极材料、特种隔膜、电解液等项目建设，延伸锂电产业链条，加快绿氨绿氢和储能产业研究，创新开展新型储能示范，推动建设氢能、熔盐储热等项目发展。',
          units: [
            '昆仑经济技术开发区管委会',
            '察尔汗工行委',
            '市工业信息化和科技局',
            '市发展和改革委员会',
          ],
          milestones: [],
          goals: [],
        },
        {
          seq: 2,
          text: '年内建成国达化工60万吨钾肥复合肥造粒及20万吨微量水溶肥，盐湖沃锦40万吨熔盐、盐湖股份4万吨基础锂盐和500万吨工业盐、汇信新材料2万吨高质碳酸锂、格尔木盐化食用盐车间搬迁改造提升等项目。',
          units: [
            '昆仑经济技术开发区管委会',
            '察尔汗工行委',
            '市工业信息化和科技局',
            '市自然资源局',
            '市生态环境局',
          ],
          milestones: [
            { projectName: '国达化工60万吨钾肥复合肥造粒及20万吨微量水溶肥', wording: '年内建成' },
            { projectName: '盐湖沃锦40万吨熔盐', wording: '年内建成' },
            { projectName: '盐湖股份4万吨基础锂盐和500万吨工业盐', wording: '年内建成' },
            { projectName: '汇信新材料2万吨高质碳酸锂', wording: '年内建成' },
            { projectName: '格尔木盐化食用盐车间搬迁改造提升', wording: '年内建成' },
          ],
          goals: [],
        },
        {
          seq: 3,
          text: '推动40万吨硝酸钾、30万吨高端专用肥、3万吨食品级氯化钾、西藏正沃3万吨高纯碳酸锂、青海锂业年产30万吨硫酸钾、卤水提锂中试等项目落地。',
          units: [
            '昆仑经济技术开发区管委会',
            '市工业信息化和科技局',
            '市发展和改革委员会',
          ],
          milestones: [
            { projectName: '40万吨硝酸钾', wording: '推动…等项目落地' },
            { projectName: '30万吨高端专用肥', wording: '推动…等项目落地' },
            { projectName: '3万吨食品级氯化钾', wording: '推动…等项目落地' },
            { projectName: '西藏正沃3万吨高纯碳酸锂', wording: '推动…等项目落地' },
            { projectName: '青海锂业年产30万吨硫酸钾', wording: '推动…等项目落地' },
            { projectName: '卤水提锂中试', wording: '推动…等项目落地' },
          ],
          goals: [],
        },
        {
          seq: 4,
          text: '加强与西部镁业的沟通衔接，开展100万吨氢氧化镁（氧化镁）综合利用项目前期工作。中南大学、中国能源建设集团绿氢-绿氨-金属镁-高纯氢氧化镁-氯化铵一体化、天行化工含氟新材料项目等。',
          units: [
            '昆仑经济技术开发区管委会',
            '市工业信息化和科技局',
            '市发展和改革委员会',
          ],
          milestones: [
            { projectName: '100万吨氢氧化镁（氧化镁）综合利用', wording: '加强与西部镁业的沟通衔接，开展…项目前期工作' },
            { projectName: '绿氢-绿氨-金属镁-高纯氢氧化镁-氯化铵一体化', wording: '开展…前期工作' },
            { projectName: '天行化工含氟新材料', wording: '开展…前期工作' },
          ],
          goals: [],
        },
      ],
      // 2025年，签约金额40亿元以上，其中10亿元以上项目不少于1个，全年完成到位资金18亿元以上。
      target: {
        signedAmount: '400000',
        signedAtLeast: true,
        bigProjectThreshold: '100000',
        bigProjectMinCount: 1,
        bigProjectAtLeast: true,
        fundsInPlace: '180000',
        fundsAtLeast: true,
      },
    },
    {
      code: 'metallurgy',
      sector: 'manufacturing',
      nameZh: '金属冶金产业链',
      nameEn: 'Metallurgy Chain',
      kind: 'leading',
      sortOrder: 3,
      direction:
        '加快推进产业治理，综合摸清底数、新旧置换、出清淘汰等措施，盘活能耗、碳排放、土地“三大要素”，加快镁、钛、铜、铅、锌、镍深加工及高性能特种钢新产品高质量开发，推进有色冶金产业与盐湖化工、氟化工融合发展，建设优质黑色金属及其合金冶炼加工基地，逐步构建资源—开采—冶炼—加工—废金属回收完整产业链，下好先手棋，找准切入点，培育壮大百亿元金属选冶产业。',
      liaisonLeader: '徐进',
      responsibleLeaders: ['赵文才'],
      responsibleUnits: [{ unit: '昆仑经济技术开发区管委会' }],
      cooperatingUnits: [
        '市工业信息化和科技局',
        '市自然资源局',
        '青海省柴达木综合地质矿产勘查院',
      ],
      anchorFirms: ['青海西矿稀贵金属有限公司', '青海金川矿业有限责任公司'],
      keyTasks: [
        {
          seq: 1,
          text: '建成新疆矿业哈西雅图多金属矿，开工建设鸿鑫矿业二期、生光矿业铁多金属矿等项目。督促盐湖镁业、青海金川矿业、长河矿业加大资金投入，力促产能达标达产。',
          units: [
            '昆仑经济技术开发区管委会',
            '市工业信息化和科技局',
            '市自然资源局',
          ],
          milestones: [
            { projectName: '新疆矿业哈西雅图多金属矿', wording: '建成' },
            { projectName: '鸿鑫矿业二期', wording: '开工建设' },
            { projectName: '生光矿业铁多金属矿', wording: '开工建设' },
          ],
          goals: [],
        },
        {
          seq: 2,
          text: '尽早突破金属镁“卡脖子”问题，积极推动天能控股集团铅酸储能电池、云南镇沅华硕贵金属金精粉精炼、昆龙伟业铅锌矿采选加工等项目落地实施。',
          units: [
            '昆仑经济技术开发区管委会',
            '市能源局',
            '市工业信息化和科技局',
            '市自然资源局',
          ],
          milestones: [
            { projectName: '天能控股集团铅酸储能电池', wording: '积极推动…等项目落地实施' },
            { projectName: '云南镇沅华硕贵金属金精粉精炼', wording: '积极推动…等项目落地实施' },
            { projectName: '昆龙伟业铅锌矿采选加工', wording: '积极推动…等项目落地实施' },
          ],
          goals: [],
        },
        {
          seq: 3,
          text: '积极对接中光宏图石墨负极材料，江丰电子碳化硅、金川集团镍正极材料、西矿集团电解铜、镁系轻型材料等重点意向项目，争取取得实质进展。',
          units: [
            '昆仑经济技术开发区管委会',
            '市能源局',
            '市工业信息化和科技局',
            '市自然资源局',
          ],
          milestones: [
            { projectName: '中光宏图石墨负极材料', wording: '积极对接…争取取得实质进展' },
            { projectName: '江丰电子碳化硅', wording: '积极对接…争取取得实质进展' },
            { projectName: '金川集团镍正极材料', wording: '积极对接…争取取得实质进展' },
            { projectName: '西矿集团电解铜', wording: '积极对接…争取取得实质进展' },
            { projectName: '镁系轻型材料', wording: '积极对接…争取取得实质进展' },
          ],
          goals: [],
        },
        {
          seq: 4,
          text: '依托金川矿业夏日哈木镍钴矿采选项目，坚持就地加工转化原则，引进布局镍、钴精深加工项目。增强科技创新，优化生产工艺技术，回收铜铅锌尾矿中的贵金属。以乌拉得、拖拉海石墨矿开采为依托，开展高纯石墨、石墨烯、石墨合金材料、石墨烯电池等项目招引工作，打造碳材料产业园。依托铅锌冶炼，重点发展氧化锌、锌材等产品，推进锑、锰、钼等金属提取，实现伴生矿的高附加值。',
          units: [
            '昆仑经济技术开发区管委会',
            '市能源局',
            '市工业信息化和科技局',
            '市自然资源局',
          ],
          milestones: [],
          goals: [],
        },
      ],
      // 2025年，签约金额15亿元以上，其中5亿元以上项目不少于1个，全年完成到位资金5亿元。
      target: {
        signedAmount: '150000',
        signedAtLeast: true,
        bigProjectThreshold: '50000',
        bigProjectMinCount: 1,
        bigProjectAtLeast: true,
        fundsInPlace: '50000',
        fundsAtLeast: false,
      },
    },
    {
      code: 'oil-gas-chemical',
      sector: 'manufacturing',
      nameZh: '油气能源化工产业链',
      nameEn: 'Oil, Gas and Energy Chemical Chain',
      kind: 'leading',
      sortOrder: 4,
      direction:
        '发挥化工园区承载作用，加快布局油气能源化工新质生产力项目，完善提升产业定位，不断提高规划建设、安全监管、污染防治、应急救援和公共服务等方面的综合管理能力。按照“市场引导、延伸链条，绿色发展、综合利用”的思路，以结构调整优化升级为主线，在石油资源高端开发综合利用、氢能、氟化工等寻求合作，努力打造产品关联度高、产业集聚度高、管理水平高的示范样板园区。',
      liaisonLeader: '赵冬',
      responsibleLeaders: ['赵文才', '胡红梅'],
      responsibleUnits: [
        { unit: '昆仑经济技术开发区管委会' },
        { unit: '市工业信息化和科技局' },
        { unit: '市能源局' },
        { unit: '市发展和改革委员会' },
      ],
      cooperatingUnits: [],
      anchorFirms: ['格尔木炼油厂'],
      keyTasks: [
        {
          seq: 1,
          text: '重点引进乙烯深加工企业及工程塑料、合成树脂、化纤原料和新材料等下游产品加工企业。',
          units: [
            '昆仑经济技术开发区管委会',
            '市发展和改革委员会',
            '市工业信息化和科技局',
          ],
          milestones: [],
          goals: [],
        },
        {
          seq: 2,
          text: '稳步扩大油气资源勘探开采规模，加快推进格尔木炼油厂扩能，推进格尔木炼油厂绿色工厂建设，实现绿色低碳、融合发展。推进东方电气“离网制氢·储氢”示范、深能集团氢制合成氨一体化等重点项目，年内建成运营和开工建设一批重点示范项目。',
          units: [
            '昆仑经济技术开发区管委会',
            '市发展和改革委员会',
            '市工业信息化和科技局',
          ],
          milestones: [
            { projectName: '格尔木炼油厂扩能', wording: '加快推进格尔木炼油厂扩能', targetStage: 'construction' },
            { projectName: '格尔木炼油厂绿色工厂建设', wording: '推进格尔木炼油厂绿色工厂建设', targetStage: 'construction' },
            { projectName: '东方电气“离网制氢·储氢”示范', wording: '年内建成运营和开工建设一批', targetStage: 'construction' },
            { projectName: '深能集团氢制合成氨一体化', wording: '年内建成运营和开工建设一批', targetStage: 'construction' },
          ],
          goals: [],
        },
        {
          seq: 3,
          text: '重点推进昆仑能源日处理100万立方米天然气、华电海西新能源弃电制氢用氢示范、华润2MW电解水制氢、山西国际能源绿电制氢一体化等重点意向项目，力争落地实施。',
          units: [
            '昆仑经济技术开发区管委会',
            '市发展和改革委员会',
            '市工业信息化和科技局',
          ],
          milestones: [
            { projectName: '昆仑能源日处理100万立方米天然气', wording: '重点意向项目，力争落地实施' },
            { projectName: '华电海西新能源弃电制氢用氢示范', wording: '重点意向项目，力争落地实施' },
            { projectName: '华润2MW电解水制氢', wording: '重点意向项目，力争落地实施' },
            { projectName: '山西国际能源绿电制氢一体化', wording: '重点意向项目，力争落地实施' },
          ],
          goals: [],
        },
      ],
      // 2025年，签约金额10亿元以上，其中5亿元以上项目不少于1个，完成到位金额5亿元以上。
      target: {
        signedAmount: '100000',
        signedAtLeast: true,
        bigProjectThreshold: '50000',
        bigProjectMinCount: 1,
        bigProjectAtLeast: true,
        fundsInPlace: '50000',
        fundsAtLeast: true,
      },
    },
    {
      code: 'land-port-logistics',
      sector: 'modern-services',
      nameZh: '陆港物流产业链',
      nameEn: 'Land Port Logistics Chain',
      kind: 'leading',
      sortOrder: 5,
      direction:
        '围绕建设国家“一带一路”节点城市、全国性综合交通枢纽城市、陆港型国家物流枢纽承载城市，提升物流园和物流业发展水平，实现产城融合发展。加快推进国际陆港、国际物流大通道建设步伐，构建大通道、大枢纽、大物流、大商贸发展格局，加强与全市主导产业的有效衔接，做好陆港产业发展规划，以产促港，以港兴城，全面有序推进陆港型国家枢纽建设，完善商贸流通，强化基础建设，加快推进国际陆港物流建设。',
      liaisonLeader: '徐进',
      responsibleLeaders: ['严仕吉'],
      responsibleUnits: [{ unit: '陆港园区管委会' }],
      cooperatingUnits: [
        '察尔汗工行委',
        '市发展和改革委员会',
        '市工业信息化和科技局',
        '市交通运输局',
      ],
      anchorFirms: ['格尔木陆港枢纽投资开发有限责任公司'],
      keyTasks: [
        {
          seq: 1,
          text: '大力发展铁路物流、公路物流、多式联运物流、保税物流、城市配送、跨境电商、市场交易、产业加工、物流研发、车辆维修及城市服务、物流社区等项目。加快兴华源智慧供应链产业园、青海潮源工程机械产业园、昆仑国际物流园项目建设。',
          units: [
            '陆港园区管委会',
            '市发展和改革委员会',
            '市工业信息化和科技局',
            '市住房和城乡建设局',
            '市交通运输局',
            '市自然资源局',
            '市生态环境局',
          ],
          milestones: [
            { projectName: '兴华源智慧供应链产业园', wording: '加快…项目建设', targetStage: 'construction' },
            { projectName: '青海潮源工程机械产业园', wording: '加快…项目建设', targetStage: 'construction' },
            { projectName: '昆仑国际物流园', wording: '加快…项目建设', targetStage: 'construction' },
          ],
          goals: [],
        },
        {
          seq: 2,
          text: '力争陆港北片区铁路作业区、陆港海关监管场所、达布逊物流园区建设项目年内开工建设。',
          units: [
            '陆港园区管委会',
            '察尔汗工行委',
            '市发展和改革委员会',
            '市工业信息化和科技局',
            '市交通运输局',
            '市自然资源局',
          ],
          milestones: [
            { projectName: '陆港北片区铁路作业区', wording: '力争…年内开工建设' },
            { projectName: '陆港海关监管场所', wording: '力争…年内开工建设' },
            { projectName: '达布逊物流园区', wording: '力争…年内开工建设' },
          ],
          goals: [],
        },
        {
          seq: 3,
          text: '谋划对接好陆港现代化仓储中心、国际陆港综合保税区、国际陆港跨境电商中心、陆港小商品加工贸易中心等建设项目。',
          units: [
            '陆港园区管委会',
            '市发展和改革委员会',
            '市工业信息化和科技局',
            '市交通运输局',
            '市自然资源局',
          ],
          milestones: [
            { projectName: '陆港现代化仓储中心', wording: '谋划对接好…建设项目' },
            { projectName: '国际陆港综合保税区', wording: '谋划对接好…建设项目' },
            { projectName: '国际陆港跨境电商中心', wording: '谋划对接好…建设项目' },
            { projectName: '陆港小商品加工贸易中心', wording: '谋划对接好…建设项目' },
          ],
          goals: [],
        },
      ],
      // 2025年，签约金额10亿元以上，其中亿元以上项目不少于1个，完成到位资金4亿元以上。
      target: {
        signedAmount: '100000',
        signedAtLeast: true,
        bigProjectThreshold: '10000',
        bigProjectMinCount: 1,
        bigProjectAtLeast: true,
        fundsInPlace: '40000',
        fundsAtLeast: true,
      },
    },
    {
      code: 'culture-tourism',
      sector: 'modern-services',
      nameZh: '文化旅游产业链',
      nameEn: 'Culture and Tourism Chain',
      kind: 'special',
      sortOrder: 6,
      direction:
        '以“生态为本、文化为魂、服务为基”为发展理念，依托格尔木市独有的昆仑文化旅游资源优势，切实发挥文化赋能、旅游带动作用，在积极打造西王母瑶池、梦幻盐湖、东台吉乃尔湖等核心景区的基础上，进一步夯实发展基础，全面提升产业素质，进一步推动文化旅游深度融合，积极融入全省“一芯一环多带”旅游环线，构建柴达木旅游环线。',
      liaisonLeader: '阿英德',
      responsibleLeaders: ['仓尼么才让'],
      responsibleUnits: [{ unit: '市文体旅游广电局' }],
      cooperatingUnits: [],
      anchorFirms: ['格尔木文化旅游投资集团有限公司'],
      keyTasks: [
        {
          seq: 1,
          text: '加快推进西王母瑶池、梦幻盐湖、东台吉乃尔湖等核心景区开发建设，多渠道对外宣传推介文旅资源，积极引进重点文旅企业，参与景区开发建设，积极推动昆仑大峡谷、胡杨林沙漠公园等签约项目落地实施。',
          units: [
            '市文体旅游广电局',
            '市发展和改革委员会',
            '市工业信息化和科技局',
            '市自然资源局',
            '市林业和草原局',
            '市水利局',
            '市生态环境局',
          ],
          milestones: [
            { projectName: '梦幻盐湖景区开发建设', wording: '加快推进…核心景区开发建设', targetStage: 'construction' },
            { projectName: '东台吉乃尔湖景区开发建设', wording: '加快推进…核心景区开发建设', targetStage: 'construction' },
            { projectName: '昆仑大峡谷', wording: '积极推动…等签约项目落地实施', targetStage: 'construction' },
            { projectName: '胡杨林沙漠公园', wording: '积极推动…等签约项目落地实施', targetStage: 'construction' },
          ],
          goals: [],
        },
        {
          seq: 2,
          text: '加强招商引资项目库建设。以“省域副中心城市”、产业“四地”建设和重点产业转型升级为重点，结合重点行业“十四五规划”，积极谋划，做好前期调研，将西王母瑶池景区、昆仑文化公园、六子湖生态文化教育基地、国际丝路公园、乌图美仁“沙漠之眼”、那贝雅丹、盐湖雅丹等景区作为重点项目持续开展招商，为开展宣传推介和对接洽谈工作奠定基础。',
          units: ['市文体旅游广电局', '市发展和改革委员会'],
          milestones: [
            { projectName: '西王母瑶池景区', wording: '积极谋划…作为重点项目持续开展招商' },
            { projectName: '昆仑文化公园', wording: '积极谋划…作为重点项目持续开展招商' },
            { projectName: '六子湖生态文化教育基地', wording: '积极谋划…作为重点项目持续开展招商' },
            { projectName: '国际丝路公园', wording: '积极谋划…作为重点项目持续开展招商' },
            { projectName: '乌图美仁“沙漠之眼”', wording: '积极谋划…作为重点项目持续开展招商' },
            { projectName: '那贝雅丹', wording: '积极谋划…作为重点项目持续开展招商' },
            { projectName: '盐湖雅丹', wording: '积极谋划…作为重点项目持续开展招商' },
          ],
          goals: [],
        },
        {
          seq: 3,
          text: '加强文化旅游资源宣传和招商项目推广。通过文化旅游交流及旅游资源专题推介、举办文旅节庆系列活动等方式，提高我市品牌影响力，增强文化资源的吸引力，引进优质资源，合作开发特色景区和重点项目建设。',
          units: ['市文体旅游广电局', '市工业信息化和科技局'],
          milestones: [],
          goals: [],
        },
      ],
      // 2025年，签约金额3亿元以上，其中亿元以上项目不少于1个，全年完成到位资金2亿元以上。
      target: {
        signedAmount: '30000',
        signedAtLeast: true,
        bigProjectThreshold: '10000',
        bigProjectMinCount: 1,
        bigProjectAtLeast: true,
        fundsInPlace: '20000',
        fundsAtLeast: true,
      },
    },
    {
      code: 'agri-pastoral',
      sector: 'agri-pastoral',
      nameZh: '特色农牧产业链',
      nameEn: 'Specialty Agriculture and Animal Husbandry Chain',
      kind: 'special',
      sortOrder: 7,
      direction:
        '按照“围绕大区域，引进大企业，运用大科技，做强大品牌，对接大市场，形成大产业”的目标，实施产业链条长、高附加值农牧业产业项目，全力创建一批国家级、省级现代农牧业产业园。充分挖掘特色农牧产业资源优势，发挥枸杞、牛羊等特色农畜产品优势，做强做细产品精深加工，积极融入农牧特色产业集群。着力解决农牧业产业链延伸不足，农畜产品流通体系不完善，与大市场连接不畅等问题。',
      liaisonLeader: '胡开东',
      responsibleLeaders: ['龚国庆'],
      responsibleUnits: [{ unit: '市农牧局', isLead: true }],
      cooperatingUnits: ['东城区工行委', '西城区工行委'],
      anchorFirms: ['格尔木农垦（集团）有限公司'],
      keyTasks: [
        {
          seq: 1,
          text: '高标准运营特色生物产业园，建设锁鲜、烘干、原浆等生产线，加快建设保鲜、冷链仓储物流设施，将产业园打造为带动全市农牧业提质增效的“辐射源”，助力农牧民群众持续增收。',
          units: ['市农牧局', '格尔木农垦（集团）有限公司'],
          milestones: [
            { projectName: '特色生物产业园锁鲜、烘干、原浆生产线', wording: '建设锁鲜、烘干、原浆等生产线', targetStage: 'construction' },
            { projectName: '保鲜、冷链仓储物流设施', wording: '加快建设保鲜、冷链仓储物流设施', targetStage: 'construction' },
          ],
          goals: [],
        },
        {
          seq: 2,
          text: '深化市管企业改革，突出格尔木农垦集团主责主业，切实发挥龙头带动作用，完善枸杞交易中心功能，提升基础设施水平，逐步将其打造为综合性枸杞商贸物流区。重点抓好5万亩饲草基地建设项目，加强技术指导，推进项目建设。',
          units: ['市农牧局', '市工业信息化和科技局'],
          milestones: [
            { projectName: '5万亩饲草基地', wording: '重点抓好…建设项目…推进项目建设', targetStage: 'construction' },
          ],
          goals: [
            { label: '饲草基地建设', measureUnit: '万亩', target: '5' },
          ],
        },
        {
          seq: 3,
          text: '加强对外宣传，拓宽市场维度，做强市场主体、做好市场产品、做响市场品牌、做通市场渠道、做足市场价值，把青洽会等重大招商活动，作为树立产品与品牌形象、增强市场竞争力的重要平台，不断拓展特色农牧产业增效的“新空间”。充分发挥对口援青优势，主动加强在人流密集区、重点旅游区的宣传推广，不断提升优势特色产业影响力。',
          units: ['市农牧局'],
          milestones: [],
          goals: [],
        },
      ],
      // 2025年，签约金额2亿元以上，其中亿元以上项目不少于1个，全年完成到位资金1亿元以上。
      target: {
        signedAmount: '20000',
        signedAtLeast: true,
        bigProjectThreshold: '10000',
        bigProjectMinCount: 1,
        bigProjectAtLeast: true,
        fundsInPlace: '10000',
        fundsAtLeast: true,
      },
    },
  ],
};
