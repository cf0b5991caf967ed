export { ReferenceModule } from './lib/reference.module';
export { ChainService } from './lib/chains/chain.service';
export { UnitService } from './lib/units/unit.service';
export { EnterpriseService } from './lib/enterprises/enterprise.service';
export { EnterpriseWriter, type EnterpriseActor, type EnterpriseFields } from './lib/enterprises/enterprise.writer';
export { Chain } from './lib/chains/chain.entity';
export { Person } from './lib/people/person.entity';
export { Unit } from './lib/units/unit.entity';
export { Enterprise } from './lib/enterprises/enterprise.entity';
