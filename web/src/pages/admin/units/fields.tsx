// The unit forms' shared parts: office times as pickers, and the contact fields used when creating and editing a unit.
import { Col, Form, Input, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../../i18n';

export const HHMM = 'HH:mm';
export const toDayjs = (s: string): Dayjs => {
  const [h, m] = s.split(':').map(Number);
  return dayjs()
    .hour(h ?? 0)
    .minute(m ?? 0)
    .second(0)
    .millisecond(0);
};
export const fromDayjs = (d: Dayjs | null | undefined): string => (d ? d.format(HHMM) : '');
export const PHONE = /^[0-9+ ().-]{0,40}$/;

/** Agency code, address, phone and e-mail: the same fields when a unit is created and when it is edited. */
export function UnitContactFields() {
  const t = useT();
  return (
    <>
      <Form.Item
        label={t('unit.code')}
        name="code"
        extra={t('unit.codeHelp')}
        rules={[
          { required: true, message: t('common.required') },
          { pattern: /^[0-9A-Z.]{3,40}$/, message: t('unit.codeHelp') },
        ]}
      >
        <Input maxLength={40} autoCapitalize="characters" spellCheck={false} />
      </Form.Item>
      <Form.Item label={t('unit.address')} name="address">
        <Input maxLength={300} autoComplete="street-address" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item label={t('unit.phone')} name="phone" rules={[{ pattern: PHONE, message: t('common.invalidPhone') }]}>
            <Input maxLength={40} inputMode="tel" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={t('unit.email')} name="email" rules={[{ type: 'email', message: t('common.invalidEmail') }]}>
            <Input maxLength={200} inputMode="email" />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
