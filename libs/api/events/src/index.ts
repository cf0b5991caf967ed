export { EventsModule } from './lib/events.module';
// An event's totals (签约 N个 X亿元, 到位 Y亿元) and a period's events: the roll-up and the cockpit read them here.
export { EVENT_TOTALS_ZERO, eventLinesBetween, eventPeriodTotals, eventTotals } from './lib/events/event-totals';
