import { Allow, attachment, CurrentUser, SignedIn, XLSX_MIME, type AuthUser } from '@crm/api/core';
import type { ChainMapSummary, ChainMapView } from '@crm/domain';
import { BadRequestException, Body, Controller, Get, Param, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { ChainMapExportService } from '../export/chain-map-export.service';
import { ChainMapDto } from './chain-map.dto';
import { ChainMapService } from './chain-map.service';

function yearOf(value: string | undefined, name = 'year'): number {
  const year = value !== undefined && /^\d{4}$/.test(value) ? Number(value) : NaN;
  if (!(year >= 2000 && year <= 2100)) {
    const msg = '年度应为2000至2100之间的四位数字 / year must be a year between 2000 and 2100';
    throw new BadRequestException({ statusCode: 400, message: msg, errors: { [name]: [msg] } });
  }
  return year;
}

/** 招商图谱: the chains' maps per year (office and the chain's staff edit; whoever reads the chain reads its map). */
@ApiTags('招商图谱 chain maps')
@Controller('chain-maps')
export class ChainMapController {
  constructor(
    private readonly maps: ChainMapService,
    private readonly exports: ChainMapExportService,
  ) {}

  /** 目标方向清单: the target firms of the year's maps (.xlsx). Declared first: exports/targets is not a chain. */
  @SignedIn()
  @Get('exports/targets')
  @ApiProduces(XLSX_MIME)
  async targets(@CurrentUser() user: AuthUser, @Query('year') year?: string): Promise<StreamableFile> {
    const y = yearOf(year);
    return new StreamableFile(await this.exports.targets(user, y), {
      type: XLSX_MIME,
      disposition: attachment(`${y}年招商图谱目标方向清单.xlsx`, 'chain-map-targets.xlsx'),
    });
  }

  @SignedIn()
  @Get()
  list(@CurrentUser() user: AuthUser, @Query('year') year?: string): Promise<ChainMapSummary[]> {
    return this.maps.list(user, yearOf(year));
  }

  @SignedIn()
  @Get(':code/:year')
  view(@CurrentUser() user: AuthUser, @Param('code') code: string, @Param('year') year: string): Promise<ChainMapView> {
    return this.maps.view(user, code, yearOf(year));
  }

  @Allow('office', 'staff')
  @Put(':code/:year')
  save(@CurrentUser() user: AuthUser, @Param('code') code: string, @Param('year') year: string, @Body() body: ChainMapDto): Promise<ChainMapView> {
    return this.maps.save(user, code, yearOf(year), body);
  }

  @Allow('office', 'staff')
  @Post(':code/:year/draft')
  draft(@CurrentUser() user: AuthUser, @Param('code') code: string, @Param('year') year: string): Promise<ChainMapView> {
    return this.maps.draftFromPrevious(user, code, yearOf(year));
  }
}
