import type {
  ChainCode,
  ChainKind,
  ChainView,
  PersonView,
  UnitView,
} from '@crm/domain';

/**
 * Test data shaped like GET /api/chains: the seven chains of the 2025 plan, trimmed to what the
 * overview shows. Amounts in 万元 with the numeric(…, 6) scale PostgreSQL sends.
 */
let nextId = 1;
const person = (name: string, position: string): PersonView => ({
  id: nextId++,
  name,
  position,
});
const unit = (name: string): UnitView => ({
  id: nextId++,
  name,
  kind: 'bureau',
  aliases: [],
});

function chain(
  code: ChainCode,
  nameZh: string,
  nameEn: string,
  kind: ChainKind,
  sortOrder: number,
  target: [signed: string, threshold: string, count: number, funds: string],
  extra: Partial<ChainView> = {},
): ChainView {
  return {
    code,
    nameZh,
    nameEn,
    kind,
    sortOrder,
    asOf: '2025-06-30',
    direction: `${nameZh}招商方向。`,
    liaisonLeader: person('徐进', '州政协副主席、市委副书记、市长'),
    responsibleLeaders: [person('胡红梅', '市委常委、副市长')],
    responsibleUnits: [
      {
        role: 'responsible',
        isLead: false,
        unit: unit('昆仑经济技术开发区管委会'),
      },
    ],
    cooperatingUnits: [
      {
        role: 'cooperating',
        isLead: false,
        unit: unit('市工业信息化和科技局'),
      },
    ],
    anchorFirms: [],
    keyTasks: [
      {
        id: nextId++,
        seq: 1,
        text: `${nameZh}重点任务一。`,
        units: [unit('市发展和改革委员会')],
      },
    ],
    targets: [
      {
        year: 2025,
        signedAmount: target[0],
        // As 清洁能源's 工作目标 writes them: 140亿元, 不少于5个, 65亿元.
        signedAtLeast: false,
        bigProjectThreshold: target[1],
        bigProjectMinCount: target[2],
        bigProjectAtLeast: true,
        fundsInPlace: target[3],
        fundsAtLeast: false,
      },
    ],
    ...extra,
  };
}

export function sevenChains(): ChainView[] {
  return [
    // Deliberately out of order: the page sorts by sortOrder.
    chain(
      'agri-pastoral',
      '特色农牧产业链',
      'Specialty agriculture and animal husbandry',
      'special',
      7,
      ['20000.000000', '10000.000000', 1, '10000.000000'],
      {
        responsibleUnits: [
          { role: 'responsible', isLead: true, unit: unit('市农牧局') },
        ],
        cooperatingUnits: [
          { role: 'cooperating', isLead: false, unit: unit('东城区工行委') },
          { role: 'cooperating', isLead: false, unit: unit('西城区工行委') },
        ],
      },
    ),
    chain(
      'clean-energy',
      '清洁能源产业链',
      'Clean energy',
      'leading',
      1,
      ['1400000.000000', '100000.000000', 5, '650000.000000'],
      {
        liaisonLeader: person('赵冬', '州委常委、市委书记'),
        responsibleLeaders: [
          person('肖军', '市委常委、副市长'),
          person('胡红梅', '市委常委、副市长'),
        ],
        responsibleUnits: [
          { role: 'responsible', isLead: false, unit: unit('市能源局') },
          { role: 'responsible', isLead: false, unit: unit('市数据局') },
        ],
        keyTasks: [
          {
            id: 902,
            seq: 2,
            text: '以氢能、储能电池、装备制造、运维服务为主攻方向。',
            units: [unit('市能源局')],
          },
          {
            id: 901,
            seq: 1,
            text: '研究促进多能互补项目落地的具体措施。',
            units: [unit('市能源局'), unit('昆鹏能源公司')],
          },
        ],
        anchorFirms: [
          {
            id: 'f1',
            name: '中国华电集团有限公司格尔木分公司',
            creditCode: null,
            ownership: 'central-soe',
            tags: ['central-soe'],
            region: null,
            createdAt: '2025-01-01T00:00:00.000Z',
            updatedAt: '2025-01-01T00:00:00.000Z',
          },
        ],
      },
    ),
    chain(
      'salt-lake-chemical',
      '盐湖化工产业链',
      'Salt-lake chemicals',
      'leading',
      2,
      ['400000.000000', '100000.000000', 1, '180000.000000'],
    ),
    chain('metallurgy', '金属冶金产业链', 'Metallurgy', 'leading', 3, [
      '150000.000000',
      '50000.000000',
      1,
      '50000.000000',
    ]),
    chain(
      'oil-gas-chemical',
      '油气能源化工产业链',
      'Oil, gas and energy chemicals',
      'leading',
      4,
      ['100000.000000', '50000.000000', 1, '50000.000000'],
      { cooperatingUnits: [] },
    ),
    chain(
      'land-port-logistics',
      '陆港物流产业链',
      'Land-port logistics',
      'leading',
      5,
      ['100000.000000', '10000.000000', 1, '40000.000000'],
    ),
    chain(
      'culture-tourism',
      '文化旅游产业链',
      'Culture and tourism',
      'special',
      6,
      ['30000.000000', '10000.000000', 1, '20000.000000'],
    ),
  ];
}
