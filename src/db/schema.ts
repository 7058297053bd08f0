// Kysely's map of the database: one entry per table, its type in src/db/tables/<area>.ts. The migrations in
// ./migrations are the source of truth; these types follow them.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { UnitTable, ReceptionPointTable, UnitSigningKeyTable, CalendarYearTable } from './tables/units';
import type {
  StaffUserTable,
  UserRoleTable,
  SessionTable,
  AuditLogTable,
  IdempotencyKeyTable,
  AppMetaTable,
  TrainingAttemptTable,
} from './tables/staff';
import type {
  ProcedureTable,
  ProcedureVersionTable,
  ProcedureComponentTable,
  UnitProcedureTable,
  ProcedurePublicationTable,
  ProcedureLegalTimeTable,
  CatalogueReviewTable,
} from './tables/catalogue';
import type {
  DeadlineTable,
  DeadlineChangeTable,
  StoredFileTable,
  DossierCodeCounterTable,
  DossierTable,
  ApplicantNameTable,
  DossierEventTable,
  DossierComponentTable,
  PersonalDataAccessTable,
  OutboxTable,
  IntakeDraftTable,
  DossierAlertTable,
} from './tables/dossier';
import type {
  CitizenTable,
  CitizenSessionTable,
  AssistedVerificationTable,
  OidcLoginTable,
  ApplicationTable,
  OtpChallengeTable,
  PaymentTable,
  UploadTable,
  UploadChunkTable,
  CitizenDocumentTable,
  DossierRatingTable,
} from './tables/portal';
import type {
  ServiceFieldTable,
  QueueSettingsTable,
  CounterTable,
  CounterFieldTable,
  CounterSessionTable,
  AppointmentTable,
  QueueNumberCounterTable,
  QueueTicketTable,
  QueueTicketEventTable,
  CounterRatingTable,
} from './tables/queue';
import type {
  FeedbackSettingTable,
  FeedbackCodeCounterTable,
  FeedbackTable,
  FeedbackEventTable,
  FeedbackCheckFailureTable,
  FeedbackAlertTable,
} from './tables/feedback';
import type {
  IndicatorFactTable,
  IndicatorRollupTable,
  IndicatorUnitDayTable,
  IndicatorMonthTable,
  IndicatorUnitMonthTable,
  ComplianceThresholdTable,
  ComplianceAlertTable,
  IndicatorFeedbackFactTable,
  IndicatorFeedbackDayTable,
} from './tables/indicators';
import type {
  ApiClientTable,
  ApiClientSecretTable,
  ApiTokenTable,
  ApiClientRateTable,
  WebhookSubscriptionTable,
  WebhookAttemptTable,
} from './tables/integration';
import type {
  SimPortalRecordTable,
  SimEmailMessageTable,
  SimSmsMessageTable,
  SimPaymentTable,
  SimVneidPushTable,
} from './tables/simulators';

export type * from './tables/units';
export type * from './tables/staff';
export type * from './tables/catalogue';
export type * from './tables/dossier';
export type * from './tables/portal';
export type * from './tables/queue';
export type * from './tables/feedback';
export type * from './tables/indicators';
export type * from './tables/integration';
export type * from './tables/simulators';
export type { Json, Timestamp } from './tables/types';

export interface Database {
  unit: UnitTable;
  reception_point: ReceptionPointTable;
  staff_user: StaffUserTable;
  user_role: UserRoleTable;
  session: SessionTable;
  audit_log: AuditLogTable;
  idempotency_key: IdempotencyKeyTable;
  app_meta: AppMetaTable;
  procedure: ProcedureTable;
  procedure_version: ProcedureVersionTable;
  procedure_component: ProcedureComponentTable;
  unit_procedure: UnitProcedureTable;
  calendar_year: CalendarYearTable;
  deadline: DeadlineTable;
  deadline_change: DeadlineChangeTable;
  stored_file: StoredFileTable;
  dossier_code_counter: DossierCodeCounterTable;
  dossier: DossierTable;
  applicant_name: ApplicantNameTable;
  dossier_event: DossierEventTable;
  dossier_component: DossierComponentTable;
  personal_data_access: PersonalDataAccessTable;
  outbox: OutboxTable;
  training_attempt: TrainingAttemptTable;
  intake_draft: IntakeDraftTable;
  unit_signing_key: UnitSigningKeyTable;
  dossier_alert: DossierAlertTable;
  sim_portal_record: SimPortalRecordTable;
  sim_sms_message: SimSmsMessageTable;
  sim_email_message: SimEmailMessageTable;
  citizen: CitizenTable;
  citizen_session: CitizenSessionTable;
  oidc_login: OidcLoginTable;
  assisted_verification: AssistedVerificationTable;
  application: ApplicationTable;
  otp_challenge: OtpChallengeTable;
  payment: PaymentTable;
  upload: UploadTable;
  upload_chunk: UploadChunkTable;
  citizen_document: CitizenDocumentTable;
  dossier_rating: DossierRatingTable;
  sim_payment: SimPaymentTable;
  sim_vneid_push: SimVneidPushTable;
  feedback_setting: FeedbackSettingTable;
  feedback_code_counter: FeedbackCodeCounterTable;
  feedback: FeedbackTable;
  feedback_event: FeedbackEventTable;
  feedback_check_failure: FeedbackCheckFailureTable;
  feedback_alert: FeedbackAlertTable;
  service_field: ServiceFieldTable;
  queue_settings: QueueSettingsTable;
  counter: CounterTable;
  counter_field: CounterFieldTable;
  counter_session: CounterSessionTable;
  appointment: AppointmentTable;
  queue_number_counter: QueueNumberCounterTable;
  queue_ticket: QueueTicketTable;
  queue_ticket_event: QueueTicketEventTable;
  counter_rating: CounterRatingTable;
  indicator_fact: IndicatorFactTable;
  indicator_rollup: IndicatorRollupTable;
  indicator_unit_day: IndicatorUnitDayTable;
  indicator_month: IndicatorMonthTable;
  indicator_unit_month: IndicatorUnitMonthTable;
  compliance_threshold: ComplianceThresholdTable;
  compliance_alert: ComplianceAlertTable;
  indicator_feedback_fact: IndicatorFeedbackFactTable;
  indicator_feedback_day: IndicatorFeedbackDayTable;
  api_client: ApiClientTable;
  api_client_secret: ApiClientSecretTable;
  api_token: ApiTokenTable;
  procedure_publication: ProcedurePublicationTable;
  procedure_legal_time: ProcedureLegalTimeTable;
  catalogue_review: CatalogueReviewTable;
  webhook_subscription: WebhookSubscriptionTable;
  webhook_attempt: WebhookAttemptTable;
  api_client_rate: ApiClientRateTable;
}

export type UnitRow = Selectable<UnitTable>;
export type NewUnit = Insertable<UnitTable>;
export type UnitUpdate = Updateable<UnitTable>;
export type ReceptionPointRow = Selectable<ReceptionPointTable>;
export type StaffUserRow = Selectable<StaffUserTable>;
