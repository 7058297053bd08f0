// The staff page's one hook: the unit's staff (loaded), the filtered and sorted rows, replacing a changed member,
// and (de)activating one through useAction (the answer as a message, as before).
import { App } from 'antd';
import { useState } from 'react';
import { api, must } from '../../../api/client';
import { useT } from '../../../i18n';
import { actionErrorText } from '../../../ui/action';
import { useAction } from '../../../ui/useAction';
import { useLoad } from '../../../ui/useLoad';
import type { Unit } from '../../../units';
import type { Staff } from './fields';

export function useStaffList(unit: Unit | null | undefined) {
  const t = useT();
  const { message } = App.useApp();
  const list = useLoad(
    async () => (unit ? must(await api.GET('/api/staff', { params: { query: { unitId: unit.id } } })).items : []),
    [unit?.id],
  );
  const [filter, setFilter] = useState('');
  const q = filter.trim().toLocaleLowerCase('vi');
  const rows = (list.data ?? [])
    .filter((s) => !q || s.fullName.toLocaleLowerCase('vi').includes(q) || s.username.includes(q))
    .sort((a, b) => Number(b.active) - Number(a.active) || a.fullName.localeCompare(b.fullName, 'vi'));

  /** Puts a changed member back in the list (or out of it, when they no longer hold a role here). */
  const replace = (s: Staff) => {
    const rest = (list.data ?? []).filter((x) => x.id !== s.id);
    list.setData(unit && s.roles.some((g) => g.unitId === unit.id) ? [...rest, s] : rest);
  };
  const activation = useAction(
    async (s: Staff, active: boolean) => {
      replace(must(await api.PATCH('/api/staff/{id}', { params: { path: { id: s.id } }, body: { active } })));
      void message.success(t('common.saved'));
    },
    { onError: (e) => void message.error(actionErrorText(e, t('common.networkError'))) },
  );
  const setActive = (s: Staff, active: boolean) => void activation.run(s, active);

  return { list, rows, filter, setFilter, replace, setActive };
}
