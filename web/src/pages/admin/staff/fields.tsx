// The staff forms' shared parts: who may grant what where, the unit × role editor and the temporary password field.
import { Button, Col, Form, Input, Row, Select, Space } from 'antd';
import { useMemo } from 'react';
import { policies } from '@domain/access';
import { ROLE_LABELS, ROLES, type Role } from '@domain/roles';
import { passwordAcceptable } from '@domain/password';
import type { Ok } from '../../../api/client';
import { useLang, useT } from '../../../i18n';
import { shortName, useStaff } from '../../../staff/context';
import { PlusIcon } from '../../../ui/icons';
import { temporaryPassword } from '../../../ui/random';
import { actorOf, sortUnits } from '../../../units';

export type Staff = Ok<'/api/staff', 'get'>['items'][number];
export type Grant = { unitId: string; role: Role };
export const PHONE = /^[0-9+ ().-]{0,20}$/;
export const USERNAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]{2,60}$/;

/** Units where the signed-in user manages staff, and the roles they may grant in each. */
export function useGrantable() {
  const { user, units } = useStaff();
  return useMemo(() => {
    const actor = actorOf(user);
    const manageable = sortUnits(units.filter((u) => policies.manageStaff(actor, units, u.id)));
    const rolesFor = (unitId: string) => ROLES.filter((r) => policies.grantRole(actor, units, unitId, r));
    return { manageable, rolesFor, manages: (unitId: string) => manageable.some((u) => u.id === unitId) };
  }, [user, units]);
}

export function GrantsEditor({ name = 'roles' }: { name?: string }) {
  const t = useT();
  const lang = useLang();
  const { manageable, rolesFor } = useGrantable();
  return (
    <fieldset className="fieldset">
      <legend>{t('staffAdmin.roles')}</legend>
      <Form.List
        name={name}
        rules={[
          {
            validator: async (_r, v: unknown[] | undefined) => {
              if (name === 'roles' && (!v || v.length === 0)) throw new Error(t('staffAdmin.needRole'));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((f, i) => (
              <Row key={f.key} gutter={8} align="bottom" wrap>
                <Col xs={24} sm={12}>
                  <Form.Item
                    label={`${t('staffAdmin.grantUnit')} (${i + 1})`}
                    name={[f.name, 'unitId']}
                    rules={[{ required: true, message: t('common.required') }]}
                  >
                    <Select options={manageable.map((u) => ({ value: u.id, label: shortName(u) }))} />
                  </Form.Item>
                </Col>
                <Col xs={18} sm={9}>
                  <Form.Item noStyle shouldUpdate>
                    {({ getFieldValue }) => {
                      const unitId = getFieldValue([name, f.name, 'unitId']) as string | undefined;
                      return (
                        <Form.Item
                          label={`${t('staffAdmin.grantRole')} (${i + 1})`}
                          name={[f.name, 'role']}
                          rules={[{ required: true, message: t('common.required') }]}
                        >
                          <Select
                            options={(unitId ? rolesFor(unitId) : []).map((r) => ({ value: r, label: ROLE_LABELS[r][lang] }))}
                            data-testid={`grant-role-${i}`}
                          />
                        </Form.Item>
                      );
                    }}
                  </Form.Item>
                </Col>
                <Col xs={6} sm={3}>
                  <Form.Item label={<span className="visually-hidden">{t('staffAdmin.removeGrant', { n: i + 1 })}</span>}>
                    <Button onClick={() => remove(f.name)} aria-label={t('staffAdmin.removeGrant', { n: i + 1 })} block>
                      ✕
                    </Button>
                  </Form.Item>
                </Col>
              </Row>
            ))}
            <Button icon={<PlusIcon />} onClick={() => add({ unitId: manageable.length === 1 ? manageable[0]!.id : undefined })}>
              {t('staffAdmin.addGrant')}
            </Button>
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
    </fieldset>
  );
}

export function PasswordField({ username }: { username: () => string }) {
  const t = useT();
  const form = Form.useFormInstance();
  return (
    <Form.Item label={t('staffAdmin.tempPassword')} extra={t('staffAdmin.tempPasswordHelp')} required>
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item
          name="password"
          noStyle
          rules={[
            { required: true, message: t('common.required') },
            {
              validator: async (_r, v: string) =>
                !v || passwordAcceptable(v, username() || '\u0000') ? undefined : Promise.reject(new Error(t('account.weak'))),
            },
          ]}
        >
          <Input
            autoComplete="new-password"
            spellCheck={false}
            aria-label={t('staffAdmin.tempPassword')}
            style={{ fontFamily: 'monospace' }}
          />
        </Form.Item>
        <Button onClick={() => form.setFieldsValue({ password: temporaryPassword(username()) })}>{t('staffAdmin.generate')}</Button>
      </Space.Compact>
    </Form.Item>
  );
}
