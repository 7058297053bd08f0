// The units page's one hook: the units the administrator administers (the header's unit first), the provinces where
// they may create a commune or ward, the filter, and which dialog is open (one at a time).
import { useMemo, useState } from 'react';
import { policies, unitsWhere } from '@domain/access';
import { useStaff } from '../../../staff/context';
import { actorOf, ADMIN_ROLES, sortUnits, type ReceptionPoint, type Unit } from '../../../units';

export type UnitsDialog =
  { kind: 'edit'; unit: Unit } | { kind: 'point'; unit: Unit; point: ReceptionPoint | null } | { kind: 'create' } | null;

export function useUnitsPage() {
  const { user, units, unit: current } = useStaff();
  const actor = useMemo(() => actorOf(user), [user]);
  const mine = useMemo(() => {
    const ids = unitsWhere(actor, units, ADMIN_ROLES);
    const list = sortUnits(units.filter((u) => ids.has(u.id)));
    // The unit chosen in the header first.
    return current && ids.has(current.id) ? [current, ...list.filter((u) => u.id !== current.id)] : list;
  }, [actor, units, current]);
  const provinces = units.filter((u) => u.type === 'province' && policies.createUnit(actor, units, u.id));
  const [dialog, setDialog] = useState<UnitsDialog>(null);
  const [filter, setFilter] = useState('');
  const q = filter.trim().toLocaleLowerCase('vi');
  const shown = q ? mine.filter((u) => u.name.toLocaleLowerCase('vi').includes(q) || u.code.toLowerCase().includes(q)) : mine;
  return {
    mine,
    provinces,
    shown,
    filter,
    setFilter,
    editing: dialog?.kind === 'edit' ? dialog.unit : null,
    point: dialog?.kind === 'point' ? { unit: dialog.unit, point: dialog.point } : null,
    creating: dialog?.kind === 'create',
    open: setDialog,
    close: () => setDialog(null),
  };
}
