import { Module } from '@nestjs/common';
import { PromotionEventController } from './events/promotion-event.controller';
import { PromotionEventService } from './events/promotion-event.service';
import { GlobalSearchController } from './search/global-search.controller';
import { GlobalSearchService } from './search/global-search.service';

/** 招商活动 and the shell's global search (issue 20 §4–5). Audit entries go through the global AuditModule. */
@Module({
  controllers: [PromotionEventController, GlobalSearchController],
  providers: [PromotionEventService, GlobalSearchService],
})
export class EventsModule {}
