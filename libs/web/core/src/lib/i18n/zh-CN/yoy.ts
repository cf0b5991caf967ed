/** 简体中文界面文字：yoy.*（随使用它的功能模块加载，见 apps/web/src/app/feature-texts.ts）。 */
export const texts = {
  // 同比与资金到位率（issue 16 §3）：驾驶舱、链长页、月通报、会议材料共用。
  'yoy.up': '同比增长 {rate}%',
  'yoy.down': '同比下降 {rate}%',
  'yoy.against': '（上年同期 {value}）',
  'yoy.againstFullYear': '（上年全年实绩 {value}，系统启用前录入）',
  'yoy.lastFullYear': '上年全年实绩 {value}（系统启用前录入），',
  'yoy.fullYearOnly': '仅作全年对比，暂不计同比',
  'yoy.zero': '上年同期为 0，不计同比',
  'yoy.none': '无上年同期数据',
  'yoy.title': '同比（与 {year} 年同期相比）',
  'yoy.signedProjects': '签约项目',
  'yoy.fundsRatio': '资金到位率 {rate}%',
  'yoy.fundsRatio.none': '资金到位率：本年尚无签约，不计',
  'yoy.fundsRatio.hint': '到位资金 ÷ 签约额（本年累计）',
} as const;
