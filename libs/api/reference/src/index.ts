export { ReferenceModule } from './lib/reference.module';
export { ChainService } from './lib/chains/chain.service';
export { UnitService } from './lib/units/unit.service';
export { EnterpriseService } from './lib/enterprises/enterprise.service';
export { EnterpriseWriter, type EnterpriseActor, type EnterpriseFields } from './lib/enterprises/enterprise.writer';
export { Chain } from './lib/chains/chain.entity';
export { Person } from './lib/people/person.entity';
export { Unit } from './lib/units/unit.entity';
export { Enterprise } from './lib/enterprises/enterprise.entity';
export { enterpriseGroupIds } from './lib/enterprises/enterprise-overview.service';
// The one rule of who sees a contact (个人信息保护法): the search box and the events read it too.
export { contactVisibleSql, type ReaderParams } from './lib/contacts/contact.rows';
// The one writer of contacts: the form's routes and the ledger import (recordFromLedger) write through it.
export { ContactService, type ContactActor, type LedgerContactWrite } from './lib/contacts/contact.service';
