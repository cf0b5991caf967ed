import { isChainCode, type ChainView } from '@crm/domain';
import { SignedIn } from '@crm/api/core';
import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ChainService } from './chain.service';

@ApiTags('产业链 chains')
@Controller('chains')
export class ChainController {
  constructor(private readonly chains: ChainService) {}

  /** The seven chains with leaders, units, anchor firms, key tasks and targets. */
  @SignedIn()
  @Get()
  @ApiOkResponse({ description: 'ChainView[]' })
  findAll(): Promise<ChainView[]> {
    return this.chains.findAll();
  }

  @SignedIn()
  @Get(':code')
  async findOne(@Param('code') code: string): Promise<ChainView> {
    const chain = isChainCode(code) ? await this.chains.findByCode(code) : null;
    if (!chain) throw new NotFoundException(`没有代码为 ${code} 的产业链 / No chain with code ${code}`);
    return chain;
  }
}
