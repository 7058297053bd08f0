// The population registry for an installation with training units: a training ID number (000…, see
// src/domain/training.ts) is answered by the registry simulator's synthetic people, in process, and never sent to
// the real registry; every other number goes to the configured registry as before.
import { isTrainingIdNumber } from '../domain/training';
import { trainingCitizenById } from '../simulators/training-citizens';
import { PopulationRegistry, type LookupResult } from './registry.adapter';

export class TrainingAwareRegistry extends PopulationRegistry {
  override async lookup(idNumber: string): Promise<LookupResult> {
    if (!isTrainingIdNumber(idNumber)) return super.lookup(idNumber);
    const c = trainingCitizenById(idNumber);
    return c ? { status: 'found', citizen: c } : { status: 'not-found' };
  }
}
