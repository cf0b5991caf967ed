import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChainAnchorFirm } from './chains/chain-anchor-firm.entity';
import { ChainLeader } from './chains/chain-leader.entity';
import { ChainTarget } from './chains/chain-target.entity';
import { ChainUnit } from './chains/chain-unit.entity';
import { ChainController } from './chains/chain.controller';
import { Chain } from './chains/chain.entity';
import { ChainService } from './chains/chain.service';
import { KeyTask, KeyTaskUnit } from './chains/key-task.entity';
import { ContactController } from './contacts/contact.controller';
import { ContactService } from './contacts/contact.service';
import { EnterpriseMergeService } from './enterprises/enterprise-merge.service';
import { EnterpriseOverviewService } from './enterprises/enterprise-overview.service';
import { EnterpriseController } from './enterprises/enterprise.controller';
import { Enterprise } from './enterprises/enterprise.entity';
import { EnterpriseService } from './enterprises/enterprise.service';
import { EnterpriseWriter } from './enterprises/enterprise.writer';
import { PersonController } from './people/person.controller';
import { Person } from './people/person.entity';
import { UnitAlias } from './units/unit-alias.entity';
import { UnitController } from './units/unit.controller';
import { Unit } from './units/unit.entity';
import { UnitService } from './units/unit.service';

/** Reference data: chains, people, units, the enterprise library, key tasks and targets. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Chain,
      ChainLeader,
      ChainUnit,
      ChainAnchorFirm,
      KeyTask,
      KeyTaskUnit,
      ChainTarget,
      Person,
      Unit,
      UnitAlias,
      Enterprise,
    ]),
  ],
  controllers: [ChainController, PersonController, UnitController, EnterpriseController, ContactController],
  providers: [
    ChainService,
    UnitService,
    EnterpriseService,
    EnterpriseWriter,
    EnterpriseOverviewService,
    EnterpriseMergeService,
    ContactService,
  ],
  exports: [ChainService, UnitService, EnterpriseService, EnterpriseWriter, ContactService],
})
export class ReferenceModule {
  /** The same module reading "today" from the given clock (tests). */
}
