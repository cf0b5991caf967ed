import { Pipe, PipeTransform } from '@angular/core';
import { formatWan } from '@crm/domain';
import { formatWanEn } from './decimal';

/**
 * An amount in 万元 (decimal string) for display: `{{ target.signedAmount | wan }}` → 140亿元;
 * `{{ amount | wan: lang() }}` with 'en' → CNY 14 billion. Empty amounts show an em dash.
 */
@Pipe({ name: 'wan' })
export class WanPipe implements PipeTransform {
  transform(value: string | null | undefined, lang = 'zh-CN'): string {
    if (value === null || value === undefined || value.trim() === '') {
      return '—';
    }
    return lang.startsWith('en') ? formatWanEn(value) : formatWan(value.trim());
  }
}
