import { Allow, CurrentUser, type AuthUser } from '@crm/api/core';
import type { AgreementView, FundArrivalView } from '@crm/domain';
import { Body, Controller, Delete, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { FundArrivalDto, FundVerificationDto, SupplementaryAgreementDto } from './ledger.dto';
import { LedgerService } from './ledger.service';

const uuid = new ParseUUIDPipe();

@ApiTags('签约与到位资金 ledger')
@Controller('projects/:id')
export class LedgerController {
  constructor(private readonly ledger: LedgerService) {}

  /** A 补充协议: its increment is added to the signed amount, once. */
  @Allow('staff')
  @Post('agreements')
  @ApiConflictResponse({ description: 'The agreement reference is already recorded' })
  @ApiUnprocessableEntityResponse({ description: 'The project is not signed' })
  addAgreement(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) projectId: string,
    @Body() input: SupplementaryAgreementDto,
  ): Promise<AgreementView> {
    return this.ledger.addSupplementaryAgreement(user, projectId, input);
  }

  /** 到位资金 for a month. */
  @Allow('staff')
  @Post('fund-arrivals')
  @ApiUnprocessableEntityResponse({ description: 'The project is not signed' })
  addFundArrival(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) projectId: string,
    @Body() input: FundArrivalDto,
  ): Promise<FundArrivalView> {
    return this.ledger.addFundArrival(user, projectId, input);
  }

  /** The office marks an entry verified (or not). */
  @Allow('office')
  @Patch('fund-arrivals/:entryId/verification')
  verify(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) projectId: string,
    @Param('entryId', uuid) entryId: string,
    @Body() input: FundVerificationDto,
  ): Promise<FundArrivalView> {
    return this.ledger.verifyFundArrival(user, projectId, entryId, input);
  }

  /** Removes an unverified entry made in error. */
  @Allow('staff')
  @Delete('fund-arrivals/:entryId')
  @HttpCode(204)
  @ApiUnprocessableEntityResponse({ description: 'The entry is verified' })
  deleteFundArrival(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) projectId: string,
    @Param('entryId', uuid) entryId: string,
  ): Promise<void> {
    return this.ledger.deleteFundArrival(user, projectId, entryId);
  }
}
