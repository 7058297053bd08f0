// The signed-in part of the app: antd provider, sign-in guard, header with unit switcher, side menu (a drawer on
// narrow screens) and the session expiry warning.
import { Button, Drawer, Dropdown, Grid, Layout, Menu, Result, Select, Switch, Typography, type MenuProps } from 'antd';
import { Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { loadSession, signOut, useSession, type User } from '../auth/session';
import { usePrefs, useT } from '../i18n';
import { setHighContrast, setLang, setLargeText } from '../prefs';
import { AntdRoot } from '../ui/AntdRoot';
import { ErrorAlert } from '../ui/ErrorAlert';
import type { Role } from '@domain/roles';
import {
  BookIcon,
  BuildingIcon,
  CalendarIcon,
  ExitIcon,
  FolderIcon,
  HomeIcon,
  InboxIcon,
  KeyIcon,
  MenuIcon,
  TeamIcon,
  UserIcon,
} from '../ui/icons';
import { Loading } from '../ui/Loading';
import { isAdmin, useCurrentUnit, useUnits } from '../units';
import { shortName, StaffContext, type StaffCtx } from './context';
import { ExpiryWatcher } from './ExpiryWatcher';
import { OfflineBar } from '../offline/OfflineBar';
import { useTT } from '../i18n/training';

function RequireAuth() {
  const t = useT();
  const session = useSession();
  const location = useLocation();
  useEffect(() => {
    if (session.status === 'unknown') void loadSession();
  }, [session.status]);
  if (session.status === 'unknown') return <Loading full />;
  if (session.status === 'signed-out' || !session.user) {
    if (session.ended === 'network')
      return (
        <Result
          status="warning"
          title={t('common.networkError')}
          extra={
            <Button type="primary" onClick={() => void loadSession(true)}>
              {t('common.retry')}
            </Button>
          }
        />
      );
    if (session.ended === 'user') return <Navigate to="/dang-nhap?signedOut=1" replace />;
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/dang-nhap?next=${next}${session.ended === 'expired' ? '&expired=1' : ''}`} replace />;
  }
  if (session.user.mustChangePassword && location.pathname !== '/tai-khoan') return <Navigate to="/tai-khoan" replace />;
  return <StaffLayout user={session.user} />;
}

/** The units where the user receives dossiers at the counter (their catalogues are kept for offline intake). */
const receptionUnitIds = (user: User) =>
  user.roles
    .filter((g) => g.role === 'reception-officer')
    .map((g) => g.unitId)
    .sort();

function UnitSwitcher({ ctx, id }: { ctx: StaffCtx; id: string }) {
  const t = useT();
  if (ctx.choices.length === 0) return null;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', minWidth: 0, flex: '0 1 380px' }}>
      <label htmlFor={id} className="visually-hidden">
        {t('staff.unitSwitcher')}
      </label>
      <Select
        id={id}
        value={ctx.unit?.id}
        onChange={ctx.setUnit}
        options={ctx.choices.map((u) => ({ value: u.id, label: shortName(u), title: u.name }))}
        showSearch
        optionFilterProp="label"
        popupMatchSelectWidth={false}
        style={{ width: '100%' }}
        aria-label={t('staff.unitSwitcher')}
        data-testid="unit-switcher"
      />
    </div>
  );
}

function StaffLayout({ user }: { user: User }) {
  const t = useT();
  const { lang, largeText, highContrast } = usePrefs();
  const screens = Grid.useBreakpoint();
  const wide = screens.lg ?? true;
  const medium = screens.md ?? true;
  const navigate = useNavigate();
  const location = useLocation();
  const [drawer, setDrawer] = useState(false);
  const { units, error, reload } = useUnits();
  const { unit, choices, setUnit } = useCurrentUnit(user);
  const admin = isAdmin(user);
  const tt = useTT();
  // Province administrators of a real province manage training units (src/services/training.service.ts).
  const provinceAdmin = user.roles.some(
    (g) => ['province-admin', 'system-admin'].includes(g.role) && !units?.find((u) => u.id === g.unitId)?.training,
  );

  useEffect(() => setDrawer(false), [location.pathname]);
  // After a navigation inside the app, move focus to the new content (screen readers announce it); not on the
  // first render, so that the first Tab still reaches the skip link and the header.
  const firstPath = useRef(location.pathname);
  useEffect(() => {
    if (location.pathname === firstPath.current) return;
    firstPath.current = '';
    document.getElementById('main')?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [location.pathname]);

  const ctx = useMemo<StaffCtx | null>(
    () => (units ? { user, units, unit, choices, setUnit } : null),
    [user, units, unit, choices, setUnit],
  );

  const here = (roles: readonly Role[]) =>
    user.roles.some((g) => roles.includes(g.role) && (g.unitId === unit?.id || g.role === 'system-admin'));
  const work: MenuProps['items'] = [
    ...(here(['reception-officer'])
      ? [
          { key: '/can-bo/tiep-nhan', icon: <InboxIcon />, label: <Link to="/can-bo/tiep-nhan">{t('nav.intake')}</Link> },
          { key: '/can-bo/nop-giup', icon: <InboxIcon />, label: <Link to="/can-bo/nop-giup">{t('nav.assisted')}</Link> },
        ]
      : []),
    ...(here(['reception-officer', 'centre-director'])
      ? [{ key: '/can-bo/quay', icon: <InboxIcon />, label: <Link to="/can-bo/quay">{t('nav.counter')}</Link> }]
      : []),
    ...(here(['centre-director', 'province-admin'])
      ? [{ key: '/can-bo/cong-suat', icon: <CalendarIcon />, label: <Link to="/can-bo/cong-suat">{t('nav.capacity')}</Link> }]
      : []),
    ...(user.roles.some((g) => g.role !== 'feedback-officer')
      ? [{ key: '/can-bo/ho-so', icon: <FolderIcon />, label: <Link to="/can-bo/ho-so">{t('nav.dossiers')}</Link> }]
      : []),
    // Feedback (phản ánh, kiến nghị): the officer's queue; leaders, directors and the province see every unit's.
    ...(user.roles.some((g) => ['feedback-officer', 'leader', 'centre-director', 'province-admin', 'system-admin'].includes(g.role))
      ? [
          {
            key: '/can-bo/phan-anh',
            icon: <InboxIcon />,
            label: <Link to="/can-bo/phan-anh">{lang === 'en' ? 'Feedback' : 'Phản ánh, kiến nghị'}</Link>,
          },
        ]
      : []),
    // Training mode: the guided exercises, in a training unit only.
    ...(unit?.training ? [{ key: '/can-bo/dao-tao', icon: <BookIcon />, label: <Link to="/can-bo/dao-tao">{tt('tr.nav')}</Link> }] : []),
  ];
  const items: MenuProps['items'] = [
    { key: '/can-bo', icon: <HomeIcon />, label: <Link to="/can-bo">{t('nav.staffHome')}</Link> },
    ...work,
    ...(admin
      ? [
          {
            type: 'group' as const,
            key: 'admin',
            label: t('nav.admin'),
            children: [
              { key: '/quan-tri/don-vi', icon: <BuildingIcon />, label: <Link to="/quan-tri/don-vi">{t('nav.adminUnits')}</Link> },
              { key: '/quan-tri/can-bo', icon: <TeamIcon />, label: <Link to="/quan-tri/can-bo">{t('nav.adminStaff')}</Link> },
              { key: '/quan-tri/ung-dung', icon: <KeyIcon />, label: <Link to="/quan-tri/ung-dung">{t('nav.adminClients')}</Link> },
              { key: '/quan-tri/thu-tuc', icon: <BookIcon />, label: <Link to="/quan-tri/thu-tuc">{t('nav.procedures')}</Link> },
              { key: '/quan-tri/ra-soat', icon: <BookIcon />, label: <Link to="/quan-tri/ra-soat">{t('nav.review')}</Link> },
              { key: '/quan-tri/lich', icon: <CalendarIcon />, label: <Link to="/quan-tri/lich">{t('nav.calendar')}</Link> },
              ...(provinceAdmin
                ? [{ key: '/quan-tri/dao-tao', icon: <TeamIcon />, label: <Link to="/quan-tri/dao-tao">{tt('tr.adminNav')}</Link> }]
                : []),
            ],
          },
        ]
      : []),
    { key: '/tai-khoan', icon: <KeyIcon />, label: <Link to="/tai-khoan">{t('nav.account')}</Link> },
  ];
  const nav = (
    <Menu
      mode="inline"
      selectedKeys={[
        location.pathname.startsWith('/can-bo/ho-so')
          ? '/can-bo/ho-so'
          : location.pathname.startsWith('/can-bo/phan-anh')
            ? '/can-bo/phan-anh'
            : location.pathname,
      ]}
      items={items}
      style={{ borderInlineEnd: 0 }}
    />
  );

  const onSignOut = () => void signOut();
  const userMenu: MenuProps['items'] = [
    { key: 'account', icon: <KeyIcon />, label: t('nav.account'), onClick: () => navigate('/tai-khoan') },
    { key: 'out', icon: <ExitIcon />, label: t('nav.signOut'), onClick: onSignOut },
  ];

  const langButton = (
    <Button
      type="text"
      lang={lang === 'vi' ? 'en' : 'vi'}
      aria-label={t('prefs.switchLangLabel')}
      onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
      className="header-toggle"
    >
      {medium ? t('prefs.switchLang') : lang === 'vi' ? 'EN' : 'VI'}
    </Button>
  );
  const prefSwitch = (label: string, checked: boolean, onChange: (v: boolean) => void) => (
    <label style={{ display: 'inline-flex', alignItems: 'center', gap: 8, minHeight: 44, cursor: 'pointer' }}>
      <Switch checked={checked} onChange={onChange} />
      {label}
    </label>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('a11y.skip')}
      </a>
      <Layout.Header className="staff-header on-dark">
        {!wide && (
          <Button
            type="text"
            aria-label={t('nav.menu')}
            aria-expanded={drawer}
            onClick={() => setDrawer(true)}
            icon={<MenuIcon />}
            style={{ color: '#fff', minWidth: 44 }}
          />
        )}
        <Link to="/can-bo" className="staff-brand">
          {t('app.name')}
        </Link>
        {medium && ctx && <UnitSwitcher ctx={ctx} id="unit-switcher-top" />}
        <span className="spacer" />
        {medium && (
          <Button
            type="text"
            aria-pressed={largeText}
            className={largeText ? 'header-toggle pressed' : 'header-toggle'}
            onClick={() => setLargeText(!largeText)}
          >
            {t('prefs.largeText')}
          </Button>
        )}
        {wide && (
          <Button
            type="text"
            aria-pressed={highContrast}
            className={highContrast ? 'header-toggle pressed' : 'header-toggle'}
            onClick={() => setHighContrast(!highContrast)}
          >
            {t('prefs.highContrast')}
          </Button>
        )}
        {langButton}
        <Dropdown menu={{ items: userMenu }} trigger={['click']} placement="bottomRight">
          <Button
            type="text"
            aria-label={t('nav.userMenu', { name: user.fullName })}
            style={{ color: '#fff', minWidth: 44 }}
            icon={<UserIcon />}
          >
            {screens.xl ? user.fullName : null}
          </Button>
        </Dropdown>
      </Layout.Header>
      {/* Whenever the user acts in a training unit: nothing here is real (src/domain/training.ts). */}
      {unit?.training && (
        <div className="training-band" role="status" data-testid="training-band">
          <strong>{tt('tr.band')}</strong> <span>{tt('tr.bandDetail')}</span>
        </div>
      )}
      {!medium && ctx && (
        <div className="staff-unitbar">
          <UnitSwitcher ctx={ctx} id="unit-switcher-bar" />
        </div>
      )}
      <Layout hasSider={wide}>
        {wide && (
          <Layout.Sider width={264} theme="light" style={{ borderInlineEnd: '1px solid #e4e7ec' }}>
            <nav aria-label={t('a11y.mainNav')} style={{ paddingTop: 8 }}>
              {nav}
            </nav>
          </Layout.Sider>
        )}
        {/* Not Layout.Content: that renders a second <main> around this one. */}
        <div className="staff-content-wrap">
          <main id="main" tabIndex={-1} className="staff-content">
            {units && <OfflineBar userId={user.id} units={units} receptionUnitIds={receptionUnitIds(user)} />}
            {error ? <ErrorAlert error={error} onRetry={reload} /> : null}
            {ctx ? (
              <StaffContext.Provider value={ctx}>
                <Suspense fallback={<Loading />}>
                  <Outlet />
                </Suspense>
              </StaffContext.Provider>
            ) : (
              !error && <Loading />
            )}
          </main>
        </div>
      </Layout>
      <Drawer open={drawer && !wide} onClose={() => setDrawer(false)} placement="left" width={300} title={t('app.name')}>
        <nav aria-label={t('a11y.mainNav')}>{nav}</nav>
        <div style={{ padding: '16px 8px', display: 'flex', flexDirection: 'column', gap: 8 }}>
          {prefSwitch(t('prefs.largeText'), largeText, setLargeText)}
          {prefSwitch(t('prefs.highContrast'), highContrast, setHighContrast)}
          <Typography.Text type="secondary">{user.fullName}</Typography.Text>
          <Button icon={<ExitIcon />} onClick={onSignOut} block>
            {t('nav.signOut')}
          </Button>
        </div>
      </Drawer>
      <ExpiryWatcher />
    </Layout>
  );
}

export default function StaffShell() {
  return (
    <AntdRoot>
      <RequireAuth />
    </AntdRoot>
  );
}
