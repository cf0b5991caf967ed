import { CurrentUser, SignedIn, type AuthUser } from '@crm/api/core';
import type { GlobalSearchResult } from '@crm/domain';
import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { GlobalSearchService } from './global-search.service';

/** The shell's search box: projects, firms, contacts and events the user may see, grouped. */
@ApiTags('搜索 search')
@Controller('search')
export class GlobalSearchController {
  constructor(private readonly search: GlobalSearchService) {}

  @SignedIn()
  @Get()
  find(@CurrentUser() user: AuthUser, @Query('q') q?: string): Promise<GlobalSearchResult> {
    if (typeof q !== 'string' || q.length > 100) {
      const msg = '搜索词应为不超过100个字符的文字 / q must be text of at most 100 characters';
      throw new BadRequestException({ statusCode: 400, message: msg, errors: { q: [msg] } });
    }
    return this.search.search(user, q.trim());
  }
}
