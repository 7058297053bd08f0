// Portal tests: a citizen session without going through VNeID (the VNeID flow has its own tests).
import { citizen as syntheticCitizen } from '../../src/simulators/citizens';
import type { TestApi } from './api';

export type CitizenSession = { cookie: string; csrf: string; citizenId: string; idNumber: string };

/** Signs in synthetic citizen number `index` of the registry simulator at the given level of assurance. */
export async function citizenSession(api: TestApi, index = 1, loa: 1 | 2 = 2): Promise<CitizenSession> {
  const c = syntheticCitizen(index);
  const { id } = await api.app.services.citizenAuth.upsertCitizen({ ...c, loa });
  const { token, session } = await api.app.services.citizenAuth.createSession(id, loa);
  return { cookie: `motcua_citizen=${token}`, csrf: session.csrfToken, citizenId: id, idNumber: c.idNumber };
}
