import { Navigate, Route, Routes } from 'react-router';
import { AcceptInvitePage } from './auth/AcceptInvitePage';
import { ForgotPasswordPage } from './auth/ForgotPasswordPage';
import { LoginPage } from './auth/LoginPage';
import { RequireAuth } from './auth/RequireAuth';
import { ResetPasswordPage } from './auth/ResetPasswordPage';
import { NotFoundPage } from './common/NotFoundPage';
import { ContactPage } from './contacts/ContactPage';
import { ContactsPage } from './contacts/ContactsPage';
import { DuplicatesPage } from './contacts/DuplicatesPage';
import { MessagesPage } from './messages/MessagesPage';
import { ChannelsSettings } from './settings/ChannelsSettings';
import { OutboxSettings } from './settings/OutboxSettings';
import { SettingsLayout } from './settings/SettingsLayout';
import { UsersSettings } from './settings/UsersSettings';
import { AppShell } from './shell/AppShell';
import { ComingSoonPage } from './shell/ComingSoonPage';
import { HomeRedirect } from './shell/HomeRedirect';

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/forgot" element={<ForgotPasswordPage />} />
      <Route path="/reset" element={<ResetPasswordPage />} />
      <Route path="/invite/:token" element={<AcceptInvitePage />} />
      <Route element={<RequireAuth />}>
        <Route index element={<HomeRedirect />} />
        <Route path="/w/:slug" element={<AppShell />}>
          <Route index element={<Navigate to="messages" replace />} />
          <Route path="dashboard" element={<ComingSoonPage module="dashboard" />} />
          <Route path="messages" element={<MessagesPage />} />
          <Route path="messages/:conversationId" element={<MessagesPage />} />
          <Route path="contacts" element={<ContactsPage />} />
          <Route path="contacts/duplicates" element={<DuplicatesPage />} />
          <Route path="contacts/:contactId" element={<ContactPage />} />
          <Route path="workflows" element={<ComingSoonPage module="workflows" />} />
          <Route path="broadcasts" element={<ComingSoonPage module="broadcasts" />} />
          <Route path="reports" element={<ComingSoonPage module="reports" />} />
          <Route path="settings" element={<SettingsLayout />}>
            <Route index element={<Navigate to="channels" replace />} />
            <Route path="channels" element={<ChannelsSettings />} />
            <Route path="users" element={<UsersSettings />} />
            <Route path="outbox" element={<OutboxSettings />} />
          </Route>
        </Route>
      </Route>
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
