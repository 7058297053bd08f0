// Every migration, in order. Forward-only: a released migration is never edited; add a new one.
import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_catalogue_calendar';
import * as m0003 from './0003_dossiers';
import * as m0004 from './0004_intake_drafts';
import * as m0005 from './0005_signing_keys';
import * as m0006 from './0006_alerts_outbox_state';
import * as m0007 from './0007_simulator_data';
import * as m0008 from './0008_simulator_email';
import * as m0009 from './0009_citizen_portal';
import * as m0012 from './0012_dossier_record';
import * as m0013 from './0013_counter_robustness';
import * as m0014 from './0014_feedback';
import * as m0015 from './0015_queue';
import * as m0016 from './0016_indicators';
import * as m0019 from './0019_feedback_indicators';
import * as m0020 from './0020_cache_notify';
import * as m0023 from './0023_procedure_publication';
import * as m0024 from './0024_api_clients';
import * as m0025 from './0025_catalogue_review';
import * as m0026 from './0026_step_and_notice_signals';
import * as m0027 from './0027_training';
import * as m0028 from './0028_webhooks';
import * as m0029 from './0029_indicator_snapshot';
import * as m0030 from './0030_dossier_name_search';
import * as m0031 from './0031_session_cache_notify';
import * as m0032 from './0032_applicant_name_dictionary';
import * as m0033 from './0033_report_indexes';

export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_catalogue_calendar': m0002,
  '0003_dossiers': m0003,
  '0004_intake_drafts': m0004,
  '0005_signing_keys': m0005,
  '0006_alerts_outbox_state': m0006,
  '0007_simulator_data': m0007,
  '0008_simulator_email': m0008,
  '0009_citizen_portal': m0009,
  '0012_dossier_record': m0012,
  '0013_counter_robustness': m0013,
  '0014_feedback': m0014,
  '0015_queue': m0015,
  '0016_indicators': m0016,
  '0019_feedback_indicators': m0019,
  '0020_cache_notify': m0020,
  '0023_procedure_publication': m0023,
  '0024_api_clients': m0024,
  '0025_catalogue_review': m0025,
  '0026_step_and_notice_signals': m0026,
  '0027_training': m0027,
  '0028_webhooks': m0028,
  '0029_indicator_snapshot': m0029,
  '0030_dossier_name_search': m0030,
  '0031_session_cache_notify': m0031,
  '0032_applicant_name_dictionary': m0032,
  '0033_report_indexes': m0033,
};
