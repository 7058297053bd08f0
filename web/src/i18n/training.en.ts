// English messages of training mode. Typed against the Vietnamese dictionary.
import type { TrainingMessages } from './training.vi';

export const trainingEn: TrainingMessages = {
  'tr.band': 'ĐÀO TẠO / TRAINING',
  'tr.bandDetail':
    'Training unit: synthetic data, never sent to real systems (national portal, SMS, payment), never counted in indicators.',
  'tr.nav': 'Training exercises',
  'tr.title': 'Training exercises',
  'tr.intro':
    'Pick an exercise: you get a scenario on a sample dossier or citizen feedback of the training unit. Do it in the real screens, then press "Check" to see whether it was done right and what the law says.',
  'tr.start': 'Start',
  'tr.scenario': 'Scenario',
  'tr.open': 'Open the screen to do it',
  'tr.openIntake': 'Open the intake screen',
  'tr.openDossier': 'Open the dossier',
  'tr.openFeedback': 'Open the feedback',
  'tr.check': 'Check',
  'tr.passed': 'Passed: done right.',
  'tr.failed': 'Not yet: see the points below.',
  'tr.law': 'The law',
  'tr.history': 'Attempts',
  'tr.none': 'No exercise done yet.',
  'tr.notChecked': 'Not checked',
  'tr.adminNav': 'Training units',
  'tr.adminTitle': 'Training units',
  'tr.adminIntro':
    'Create training units inside the real installation: sample data (synthetic citizens, dossiers in every state) is made for them; nothing done there reaches a real system or an indicator. "Reset" puts the data back to the seeded state.',
  'tr.create': 'Create a training unit',
  'tr.kindWard': 'A training ward',
  'tr.kindProvince': 'A training province (with a ward)',
  'tr.name': 'Name',
  'tr.reset': 'Reset to the sample data',
  'tr.resetConfirm': 'Remove everything trainees did and make the sample data again?',
  'tr.resetDone': 'The training data was reset.',
  'tr.dossiers': 'Dossiers',
  'tr.addTrainee': 'Add a trainee',
  'tr.username': 'Username',
  'tr.fullName': 'Full name',
  'tr.password': 'Password',
  'tr.roles': 'Roles',
  'tr.traineeAdded': 'Trainee account {name} created.',
  'tr.noUnits': 'No training unit yet.',
};
