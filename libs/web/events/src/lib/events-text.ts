import { Pipe, PipeTransform, inject } from '@angular/core';
import type { ChainCode, PromotionEventKind } from '@crm/domain';
import { I18nService } from '@crm/web/core';

/**
 * 招商活动's own texts, Chinese first (as the office writes it), English second. Kept with the
 * feature so they load with its chunk, not in the app's initial download.
 */
export const EVENTS_TEXT = {
  title: ['招商活动', 'Promotion events'],
  subtitle: ['展会、外出招商、论坛、以商招商和网上招商活动，及其带来的签约和到位资金', 'Fairs, trips, forums, business-introduced visits and online events, with the signings and funds they brought'],
  year: ['年度', 'Year'],
  yearTitle: ['{year}年', '{year}'],
  allKinds: ['全部形式', 'All kinds'],
  kind: ['活动形式', 'Kind'],
  name: ['活动名称', 'Name'],
  dates: ['活动日期', 'Dates'],
  startsOn: ['开始日期', 'Starts on'],
  endsOn: ['结束日期', 'Ends on'],
  place: ['活动地点', 'Place'],
  leadPerson: ['带队领导', 'Leading official'],
  chains: ['所属产业链', 'Chains'],
  cityWide: ['全市', 'City-wide'],
  units: ['参加单位', 'Units'],
  enterprises: ['洽谈企业', 'Firms met'],
  contacts: ['会见联系人', 'Contacts met'],
  notes: ['备注', 'Notes'],
  signed: ['签约', 'Signed'],
  funds: ['到位资金', 'Funds in place'],
  signedLine: ['签约{n}个、{amount}', '{n} signed, {amount}'],
  fundsLine: ['到位{amount}', '{amount} in place'],
  linked: ['关联项目{n}个', '{n} linked projects'],
  totals: ['活动成效', 'Results'],
  projects: ['关联项目', 'Linked projects'],
  noProjects: ['尚无项目关联到本活动。在项目的“编辑”中选择“招商活动”即可关联。', 'No project is linked to this event yet. Choose the event in a project’s form to link it.'],
  hiddenProjects: ['另有{n}个其他产业链的项目计入成效，您无权查看其详情。', '{n} more projects of other chains count in the results; you may not open them.'],
  none: ['无', 'None'],
  noEvents: ['{year}年尚未登记招商活动。', 'No promotion event recorded for {year}.'],
  noEventsHint: ['领导小组办公室和专班人员可点击“登记活动”录入。', 'The office and the staff record them with “Record an event”.'],
  create: ['登记活动', 'Record an event'],
  edit: ['编辑', 'Edit'],
  save: ['保存', 'Save'],
  cancel: ['取消', 'Cancel'],
  saved: ['已保存', 'Saved'],
  stale: ['该活动已被他人修改，已显示最新内容，请核对后重新保存。', 'Someone else changed this event; the latest is shown, check it and save again.'],
  back: ['返回活动列表', 'Back to the events'],
  loadError: ['招商活动加载失败', 'The events could not be loaded'],
  notFound: ['没有该招商活动，或您无权查看', 'No such event, or you may not see it'],
  readOnly: ['您可查看本活动；登记和修改由领导小组办公室和活动所属产业链的专班负责。', 'You may read this event; the office and the staff of its chains record and edit it.'],
  searchFirms: ['输入企业名称搜索', 'Type a firm’s name to search'],
  chooseUnits: ['选择参加单位', 'Choose the units'],
  choosePerson: ['选择带队领导', 'Choose the leading official'],
  chooseChains: ['不选即为全市活动', 'None: a city-wide event'],
  required: ['请填写{field}', '{field} is required'],
  endBeforeStart: ['结束日期不能早于开始日期', 'The event cannot end before it starts'],
  stage: ['阶段', 'Stage'],
  investor: ['投资方', 'Investor'],
  signedAmount: ['签约金额', 'Signed'],
  fundsInPlace: ['到位资金', 'Funds in place'],
} as const;

export type EventsTextKey = keyof typeof EVENTS_TEXT;

/** The text in the interface language, with {placeholders} filled. */
export function eventsText(lang: string, key: EventsTextKey, params: Record<string, string | number> = {}): string {
  const [zh, en] = EVENTS_TEXT[key];
  return (lang === 'en' ? en : zh).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

export const KIND_TEXT: Record<PromotionEventKind, [string, string]> = {
  fair: ['展会', 'Fair'],
  trip: ['外出招商', 'Trip'],
  forum: ['论坛', 'Forum'],
  'business-visit': ['以商招商', 'Business-introduced visit'],
  online: ['网上招商', 'Online'],
};

export const CHAIN_TEXT: Record<ChainCode, [string, string]> = {
  'clean-energy': ['清洁能源产业链', 'Clean Energy Chain'],
  'salt-lake-chemical': ['盐湖化工产业链', 'Salt Lake Chemical Chain'],
  metallurgy: ['金属冶金产业链', 'Metallurgy Chain'],
  'oil-gas-chemical': ['油气能源化工产业链', 'Oil, Gas and Energy Chemical Chain'],
  'land-port-logistics': ['陆港物流产业链', 'Land Port Logistics Chain'],
  'culture-tourism': ['文化旅游产业链', 'Culture and Tourism Chain'],
  'agri-pastoral': ['特色农牧产业链', 'Specialty Agriculture and Animal Husbandry Chain'],
};

/** `{{ 'title' | ev }}`, `{{ 'yearTitle' | ev: { year: 2025 } }}`: re-renders when the language changes. */
@Pipe({ name: 'ev', pure: false })
export class EventsTextPipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(key: EventsTextKey, params: Record<string, string | number> = {}): string {
    return eventsText(this.i18n.lang(), key, params);
  }
}
