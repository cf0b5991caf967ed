import type { MigrationInterface } from 'typeorm';
import { ReferenceSchema1764300000000 } from './1764300000000-reference-schema';
import { UsersSessionsAudit1764400000000 } from './1764400000000-users-sessions-audit';
import { Pipeline1764500000000 } from './1764500000000-pipeline';
import { LedgerImport1764600000000 } from './1764600000000-ledger-import';
import { Reporting1764700000000 } from './1764700000000-reporting';
import { RollUp1764800000000 } from './1764800000000-roll-up';
import { DailyReminders1764810000000 } from './1764810000000-daily-reminders';
import { Cockpit1764820000000 } from './1764820000000-cockpit';
import { Meetings1764830000000 } from './1764830000000-meetings';
import { MeetingSchedule1764840000000 } from './1764840000000-meeting-schedule';
import { WeeklyDigest1764850000000 } from './1764850000000-weekly-digest';
import { HistoryLoad1764860000000 } from './1764860000000-history-load';
import { LeaderPageHistory1764870000000 } from './1764870000000-leader-page-history';
import { AnnualPlan1764880000000 } from './1764880000000-annual-plan';
import { UnitNameOn1764890000000 } from './1764890000000-unit-name-on';
import { PlanImport1764893000000 } from './1764893000000-plan-import';
import { StageSince1764910000000 } from './1764910000000-stage-since';
import { RecordVersions1764920000000 } from './1764920000000-record-versions';
import { MeetingScheduleVersion1764920100000 } from './1764920100000-meeting-schedule-version';
import { MajorNoticesThroughWriter1764925000000 } from './1764925000000-major-notices-through-writer';
import { OfficialDocuments1764930000000 } from './1764930000000-official-documents';
import { RollUpStale1764940000000 } from './1764940000000-roll-up-stale';
import { RollUpPublication1764941000000 } from './1764941000000-roll-up-publication';
import { DocumentSettingVersion1764931000000 } from './1764931000000-document-setting-version';
import { SettingsVersions1764950000000 } from './1764950000000-settings-versions';
import { StatWindows1764960000000 } from './1764960000000-stat-windows';
import { InstructionThread1764980000000 } from './1764980000000-instruction-thread';
import { ChainMap1764990000000 } from './1764990000000-chain-map';
import { ContactsAndFirmGroups1765000000000 } from './1765000000000-contacts-and-firm-groups';
import { EnterpriseGroup1765000100000 } from './1765000100000-enterprise-group';
import { EventsAndSearch1765010000000 } from './1765010000000-events-and-search';
import { StoredFiles1765100000000 } from './1765100000000-stored-files';
import { PreReview1765110000000 } from './1765110000000-pre-review';
import { GuaranteeRequests1765120000000 } from './1765120000000-guarantee-requests';
import { ExistingSites1765130000000 } from './1765130000000-existing-sites';
import { AnswerVersion1765160000000 } from './1765160000000-answer-version';
import { AlertMemo1765170000000 } from './1765170000000-alert-memo';

/** Every migration in order; listed by hand so the bundled API and worker carry them. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  ReferenceSchema1764300000000,
  UsersSessionsAudit1764400000000,
  Pipeline1764500000000,
  LedgerImport1764600000000,
  Reporting1764700000000,
  RollUp1764800000000,
  DailyReminders1764810000000,
  Cockpit1764820000000,
  Meetings1764830000000,
  MeetingSchedule1764840000000,
  WeeklyDigest1764850000000,
  HistoryLoad1764860000000,
  LeaderPageHistory1764870000000,
  AnnualPlan1764880000000,
  UnitNameOn1764890000000,
  PlanImport1764893000000,
  StageSince1764910000000,
  RecordVersions1764920000000,
  MeetingScheduleVersion1764920100000,
  MajorNoticesThroughWriter1764925000000,
  OfficialDocuments1764930000000,
  DocumentSettingVersion1764931000000,
  RollUpStale1764940000000,
  RollUpPublication1764941000000,
  SettingsVersions1764950000000,
  StatWindows1764960000000,
  InstructionThread1764980000000,
  ChainMap1764990000000,
  ContactsAndFirmGroups1765000000000,
  EnterpriseGroup1765000100000,
  EventsAndSearch1765010000000,
  StoredFiles1765100000000,
  PreReview1765110000000,
  GuaranteeRequests1765120000000,
  ExistingSites1765130000000,
  AnswerVersion1765160000000,
  AlertMemo1765170000000,
];
