// Synthetic citizens for training units: ID numbers start with 000 (no province has code 000, see
// src/domain/training.ts), so they can never be a real person's. Only the registry simulator answers them: the
// registry adapter never sends such a number to the real registry (src/adapters/training-registry.ts).
import { TRAINING_ID_PREFIX } from '../domain/training';
import { citizen, type Citizen } from './citizens';

export const TRAINING_CITIZEN_COUNT = 200;

/** Training citizen i: a simulator citizen's name and details under a reserved 000… ID number and a fake phone. */
export function trainingCitizen(i: number): Citizen {
  const c = citizen(4000 + (i % TRAINING_CITIZEN_COUNT));
  return {
    ...c,
    idNumber: `${TRAINING_ID_PREFIX}${c.idNumber.slice(3, 6)}${String(i).padStart(6, '0')}`,
    address: c.address.replace(/^Số /, 'Số (đào tạo) '),
    phone: `0900${String(i).padStart(6, '0')}`,
  };
}

export function trainingCitizenById(idNumber: string): Citizen | undefined {
  if (!/^000[0-3][0-9]{2}[0-9]{6}$/.test(idNumber)) return undefined;
  const i = Number(idNumber.slice(6));
  if (i >= TRAINING_CITIZEN_COUNT) return undefined;
  const c = trainingCitizen(i);
  return c.idNumber === idNumber ? c : undefined;
}
