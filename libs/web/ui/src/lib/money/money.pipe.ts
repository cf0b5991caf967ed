import { Pipe, PipeTransform } from '@angular/core';
import { formatWan } from '@crm/domain';
import { formatWanEn, formatWanZh } from './decimal';

/**
 * An amount in 万元 (decimal string) for display: `{{ target.signedAmount | wan }}` → 140亿元;
 * `{{ amount | wan: lang() }}` with 'en' → CNY 14 billion. Empty amounts show an em dash.
 * `{{ total | wan: lang() : 2 }}` rounds the Chinese figure to two decimals of 亿元/万元 (English
 * always shows at most two).
 */
@Pipe({ name: 'wan' })
export class WanPipe implements PipeTransform {
  transform(value: string | null | undefined, lang = 'zh-CN', places?: number): string {
    if (value === null || value === undefined || value.trim() === '') {
      return '—';
    }
    if (lang.startsWith('en')) {
      return formatWanEn(value);
    }
    return places === undefined ? formatWan(value.trim()) : formatWanZh(value, places);
  }
}
