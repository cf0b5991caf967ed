import { Allow, attachment, type AuthUser, CurrentUser, LEDGER_MAX_UPLOAD_BYTES, SignedIn, utf8FileName, XLSX_MIME } from '@crm/api/core';
import type { AnnualPlanView, PlanImportPreview } from '@crm/domain';
import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { yearParam } from '../common/params';
import { ReasonQueryDto } from '../plans/plan.dto';
import { PlanService } from '../plans/plan.service';
import { PlanImportService } from './plan-import.service';
import { planWorkbook } from './plan-workbook.writer';

const upload = FileInterceptor('file', { limits: { fileSize: LEDGER_MAX_UPLOAD_BYTES, files: 1, fields: 2 } });

/** 年度工作方案 in Excel: download a year's plan, upload it back (preview, then commit). */
@ApiTags('年度工作方案 plans')
@Controller('plans')
export class PlanExcelController {
  constructor(
    private readonly plans: PlanService,
    private readonly imports: PlanImportService,
  ) {}

  @SignedIn()
  @Get(':year/workbook')
  async workbook(@Param('year') year: string, @Res() res: Response): Promise<void> {
    const plan = await this.plans.get(yearParam(year));
    const chains = new Map<string, string>(plan.targets.map((t) => [t.chainCode, t.chainNameZh]));
    for (const c of await this.plans.chainNames()) chains.set(c.code, c.nameZh);
    const bytes = await planWorkbook(plan, chains).xlsx.writeBuffer();
    res.setHeader('Content-Type', XLSX_MIME);
    res.setHeader('Content-Disposition', attachment(`${plan.year}年度招商引资工作方案.xlsx`, `plan-${plan.year}.xlsx`));
    res.send(Buffer.from(bytes as ArrayBuffer));
  }

  @Allow('office')
  @Post(':year/imports')
  @UseInterceptors(upload)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  preview(
    @CurrentUser() user: AuthUser,
    @Param('year') year: string,
    @UploadedFile() file: { originalname: string; buffer: Buffer } | undefined,
  ): Promise<PlanImportPreview> {
    if (!file) {
      throw new BadRequestException({
        statusCode: 400,
        message: '请选择要导入的 .xlsx 文件（表单字段 file） / Attach the .xlsx file as the form field "file"',
        errors: { file: ['请选择文件 / Attach a file'] },
      });
    }
    return this.imports.preview(user, yearParam(year), utf8FileName(file.originalname), file.buffer);
  }

  @Allow('office')
  @Get('imports/:id')
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<PlanImportPreview> {
    return this.imports.get(user, id);
  }

  @Allow('office')
  @Post('imports/:id/commit')
  @HttpCode(200)
  commit(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: ReasonQueryDto): Promise<AnnualPlanView> {
    return this.imports.commit(user, id, body.reason);
  }
}
