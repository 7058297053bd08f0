// Routes. Only the public shell and home page are in the first bundle; every other page, and antd itself,
// load on demand so the first page stays small over a slow connection.
import { lazy, Suspense, useEffect } from 'react';
import { Route, Routes } from 'react-router-dom';
import { loadSession, mayHaveSession } from './auth/session';
import { Loading } from './ui/Loading';
import { PublicShell } from './pages/public/PublicShell';
import { Home } from './pages/public/Home';
import { NotFound } from './pages/public/NotFound';

const Directory = lazy(() => import('./pages/public/Directory'));
const SignIn = lazy(() => import('./pages/public/SignIn'));
const StaffShell = lazy(() => import('./staff/StaffShell'));
const StaffHome = lazy(() => import('./pages/staff/StaffHome'));
const Account = lazy(() => import('./pages/staff/Account'));
const AdminUnits = lazy(() => import('./pages/admin/AdminUnits'));
const AdminStaff = lazy(() => import('./pages/admin/AdminStaff'));
const AdminApiClients = lazy(() => import('./pages/admin/AdminApiClients'));
const Catalogue = lazy(() => import('./pages/public/Catalogue'));
const ProcedurePage = lazy(() => import('./pages/public/ProcedurePage'));
// The citizen portal (VNeID sign-in, online filing, my dossiers, data store): its own chunks and stylesheet.
const PortalHome = lazy(() => import('./pages/portal/PortalHome'));
const PortalSignIn = lazy(() => import('./pages/portal/PortalSignIn'));
const StartFiling = lazy(() => import('./pages/portal/StartFiling'));
const ApplicationPage = lazy(() => import('./pages/portal/ApplicationPage'));
const MyDossiers = lazy(() => import('./pages/portal/MyDossiers'));
const DossierDetail = lazy(() => import('./pages/portal/DossierDetail'));
const DataStore = lazy(() => import('./pages/portal/DataStore'));
const StatusLookup = lazy(() => import('./pages/public/StatusLookup'));
const Transparency = lazy(() => import('./pages/public/Transparency'));
const Intake = lazy(() => import('./pages/staff/Intake'));
const AssistedFiling = lazy(() => import('./pages/staff/AssistedFiling'));
const Queues = lazy(() => import('./pages/staff/Queues'));
const DossierPage = lazy(() => import('./pages/staff/DossierPage'));
const AdminProcedures = lazy(() => import('./pages/admin/AdminProcedures'));
const CatalogueReview = lazy(() => import('./pages/admin/CatalogueReview'));
const AdminCalendar = lazy(() => import('./pages/admin/AdminCalendar'));
const FeedbackSend = lazy(() => import('./pages/feedback/FeedbackSend'));
const FeedbackView = lazy(() => import('./pages/feedback/FeedbackView'));
const FeedbackPublished = lazy(() => import('./pages/feedback/FeedbackPublished'));
const FeedbackQueue = lazy(() => import('./pages/feedback/FeedbackQueue'));
const FeedbackPage = lazy(() => import('./pages/feedback/FeedbackPage'));
// The waiting room: kiosk, call display, ticket, rating (plain React, full screen), the counter panel and capacity (staff).
const Kiosk = lazy(() => import('./pages/queue/Kiosk'));
const Display = lazy(() => import('./pages/queue/Display'));
const FollowTicket = lazy(() => import('./pages/queue/FollowTicket'));
const RateCounter = lazy(() => import('./pages/queue/RateCounter'));
const Appointments = lazy(() => import('./pages/portal/Appointments'));
const CounterPanel = lazy(() => import('./pages/staff/CounterPanel'));
const Capacity = lazy(() => import('./pages/staff/Capacity'));
const CitizenRatings = lazy(() => import('./pages/staff/CitizenRatings'));
const Training = lazy(() => import('./pages/staff/Training'));
const AdminTraining = lazy(() => import('./pages/admin/AdminTraining'));

export function App() {
  useEffect(() => {
    // The staff shell always checks; public pages only when this browser signed in before.
    if (mayHaveSession()) void loadSession();
  }, []);
  return (
    <Routes>
      <Route
        path="lay-so/:unitId"
        element={
          <Suspense fallback={<Loading full />}>
            <Kiosk />
          </Suspense>
        }
      />
      <Route
        path="man-hinh/:unitId"
        element={
          <Suspense fallback={<Loading full />}>
            <Display />
          </Suspense>
        }
      />
      <Route
        path="so/:ticketId"
        element={
          <Suspense fallback={<Loading full />}>
            <FollowTicket />
          </Suspense>
        }
      />
      <Route
        path="danh-gia"
        element={
          <Suspense fallback={<Loading full />}>
            <RateCounter />
          </Suspense>
        }
      />
      <Route element={<PublicShell />}>
        <Route index element={<Home />} />
        <Route path="danh-ba" element={<Directory />} />
        <Route path="dang-nhap" element={<SignIn />} />
        <Route path="thu-tuc" element={<Catalogue />} />
        <Route path="thu-tuc/:id" element={<ProcedurePage />} />
        <Route path="nop-truc-tuyen/:id" element={<StartFiling />} />
        <Route path="cong-dan" element={<PortalHome />} />
        <Route path="cong-dan/dang-nhap" element={<PortalSignIn />} />
        <Route path="cong-dan/nop/:applicationId" element={<ApplicationPage />} />
        <Route path="cong-dan/ho-so" element={<MyDossiers />} />
        <Route path="cong-dan/ho-so/:id" element={<DossierDetail />} />
        <Route path="cong-dan/kho-du-lieu" element={<DataStore />} />
        <Route path="tra-cuu" element={<StatusLookup />} />
        <Route path="phan-anh" element={<FeedbackSend />} />
        <Route path="phan-anh/cong-khai" element={<FeedbackPublished />} />
        <Route path="phan-anh/:code" element={<FeedbackView />} />
        <Route path="cong-dan/lich-hen" element={<Appointments />} />
        <Route path="cong-khai" element={<Transparency />} />
        <Route path="*" element={<NotFound />} />
      </Route>
      <Route
        element={
          <Suspense fallback={<Loading full />}>
            <StaffShell />
          </Suspense>
        }
      >
        <Route path="can-bo" element={<StaffHome />} />
        <Route path="tai-khoan" element={<Account />} />
        <Route path="quan-tri/don-vi" element={<AdminUnits />} />
        <Route path="quan-tri/can-bo" element={<AdminStaff />} />
        <Route path="quan-tri/ung-dung" element={<AdminApiClients />} />
        <Route path="can-bo/tiep-nhan" element={<Intake />} />
        <Route path="can-bo/nop-giup" element={<AssistedFiling />} />
        <Route path="can-bo/ho-so" element={<Queues />} />
        <Route path="can-bo/ho-so/:id" element={<DossierPage />} />
        <Route path="can-bo/phan-anh" element={<FeedbackQueue />} />
        <Route path="can-bo/phan-anh/:id" element={<FeedbackPage />} />
        <Route path="can-bo/quay" element={<CounterPanel />} />
        <Route path="can-bo/cong-suat" element={<Capacity />} />
        <Route path="can-bo/danh-gia" element={<CitizenRatings />} />
        <Route path="can-bo/dao-tao" element={<Training />} />
        <Route path="quan-tri/dao-tao" element={<AdminTraining />} />
        <Route path="quan-tri/thu-tuc" element={<AdminProcedures />} />
        <Route path="quan-tri/ra-soat" element={<CatalogueReview />} />
        <Route path="quan-tri/lich" element={<AdminCalendar />} />
      </Route>
    </Routes>
  );
}
