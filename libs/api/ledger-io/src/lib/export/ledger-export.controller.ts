import { attachment, type AuthUser, CurrentUser, SignedIn, XLSX_MIME } from '@crm/api/core';
import { ListProjectsDto } from '@crm/api/pipeline';
import { Controller, Get, Header, ParseIntPipe, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { enterpriseTemplate, projectTemplate } from './import-template';
import { ProjectExportService } from './project-export.service';
import { ReferenceExportService } from './reference-export.service';

const file = (buffer: Buffer, name: string, ascii: string) =>
  new StreamableFile(buffer, { type: XLSX_MIME, disposition: attachment(name, ascii) });

const year = new ParseIntPipe({ optional: true });

/**
 * Ledger exports (.xlsx): the project and enterprise lists as filtered on screen, the 三张清单 and
 * the import templates. Headers in Chinese, amounts as numbers in 万元 (the unit in the header),
 * dates as date cells. Chain data is limited to the chains the user may read.
 */
@ApiTags('台账导入导出 ledger import/export')
@ApiProduces(XLSX_MIME)
@Controller('ledger')
export class LedgerExportController {
  constructor(
    private readonly projects: ProjectExportService,
    private readonly reference: ReferenceExportService,
  ) {}

  /** Same filters and order as GET /api/projects; every page. */
  @SignedIn()
  @Get('exports/projects')
  @ApiOkResponse({ description: '招商项目.xlsx' })
  async projectList(@CurrentUser() user: AuthUser, @Query() query: ListProjectsDto): Promise<StreamableFile> {
    return file(await this.projects.projectList(user, query), '招商项目.xlsx', 'projects.xlsx');
  }

  /** Same search as GET /api/enterprises?q=; every page. */
  @SignedIn()
  @Get('exports/enterprises')
  async enterpriseList(@Query('q') q?: string): Promise<StreamableFile> {
    const text = typeof q === 'string' && q.trim() ? q.trim().slice(0, 100) : undefined;
    return file(await this.reference.enterpriseList(text), '企业库.xlsx', 'enterprises.xlsx');
  }

  /** 三张清单 ①: 《重点项目动态管理表》. */
  @SignedIn()
  @Get('exports/key-projects')
  async keyProjects(@CurrentUser() user: AuthUser, @Query('year', year) y?: number): Promise<StreamableFile> {
    const at = y ?? Number(this.reference.today().slice(0, 4));
    return file(await this.projects.keyProjects(user, at), `${at}年招商引资重点项目动态管理表.xlsx`, 'key-projects.xlsx');
  }

  /** 三张清单 ②: 《目标方向清单》 (direction, targets, key tasks per chain). */
  @SignedIn()
  @Get('exports/target-directions')
  async targetDirections(@CurrentUser() user: AuthUser, @Query('year', year) y?: number): Promise<StreamableFile> {
    const at = y ?? Number(this.reference.today().slice(0, 4));
    return file(await this.reference.targetDirections(user, at), `${at}年招商引资目标方向清单.xlsx`, 'target-directions.xlsx');
  }

  /** 三张清单 ③: 《责任分工表》 (chain × leaders × units × anchor firms) as in the year. */
  @SignedIn()
  @Get('exports/responsibilities')
  async responsibilities(@CurrentUser() user: AuthUser, @Query('year', year) y?: number): Promise<StreamableFile> {
    const at = y ?? Number(this.reference.today().slice(0, 4));
    return file(await this.reference.responsibilities(user, at), `${at}年招商引资责任分工表.xlsx`, 'responsibilities.xlsx');
  }

  /**
   * The import templates: the header row the import reads (amounts in 万元), an example row the
   * import skips, and drop-down lists (chains, stages, units, channels) from today's reference data.
   */
  @SignedIn()
  @Get('templates/projects')
  @Header('Cache-Control', 'no-store')
  async projectTemplate(): Promise<StreamableFile> {
    return file(await projectTemplate(await this.reference.templateChoices()), '招商项目导入模板.xlsx', 'project-template.xlsx');
  }

  @SignedIn()
  @Get('templates/enterprises')
  async enterpriseTemplate(): Promise<StreamableFile> {
    return file(await enterpriseTemplate(), '企业导入模板.xlsx', 'enterprise-template.xlsx');
  }
}
