import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { AcceptInvitePage } from './auth/AcceptInvitePage';
import { ForgotPasswordPage } from './auth/ForgotPasswordPage';
import { LoginPage } from './auth/LoginPage';
import { RequireAuth } from './auth/RequireAuth';
import { ResetPasswordPage } from './auth/ResetPasswordPage';
import { lazyNamed } from './common/lazyNamed';
import { NotFoundPage } from './common/NotFoundPage';
import { AppShell } from './shell/AppShell';
import { ComingSoonPage } from './shell/ComingSoonPage';
import { HomeRedirect } from './shell/HomeRedirect';

// Each top-level section is its own chunk: signing in does not download the inbox or settings.
const MessagesPage = lazyNamed(() => import('./messages/MessagesPage'), 'MessagesPage');
const ContactsPage = lazyNamed(() => import('./contacts/ContactsPage'), 'ContactsPage');
const ContactPage = lazyNamed(() => import('./contacts/ContactPage'), 'ContactPage');
const DuplicatesPage = lazyNamed(() => import('./contacts/DuplicatesPage'), 'DuplicatesPage');
const SettingsLayout = lazyNamed(() => import('./settings/SettingsLayout'), 'SettingsLayout');
const GeneralSettings = lazyNamed(() => import('./settings/GeneralSettings'), 'GeneralSettings');
const ClosingNotesSettings = lazyNamed(() => import('./settings/ClosingNotesSettings'), 'ClosingNotesSettings');
const ChannelsSettings = lazyNamed(() => import('./settings/ChannelsSettings'), 'ChannelsSettings');
const UsersSettings = lazyNamed(() => import('./settings/UsersSettings'), 'UsersSettings');
const TeamsSettings = lazyNamed(() => import('./settings/TeamsSettings'), 'TeamsSettings');
const SnippetsSettings = lazyNamed(() => import('./settings/SnippetsSettings'), 'SnippetsSettings');
const TagsSettings = lazyNamed(() => import('./settings/TagsSettings'), 'TagsSettings');
const OutboxSettings = lazyNamed(() => import('./settings/OutboxSettings'), 'OutboxSettings');
const BusinessHoursSettings = lazyNamed(() => import('./settings/BusinessHoursSettings'), 'BusinessHoursSettings');
const CustomFieldsSettings = lazyNamed(() => import('./settings/CustomFieldsSettings'), 'CustomFieldsSettings');
const WorkflowsPage = lazyNamed(() => import('./workflows/WorkflowsPage'), 'WorkflowsPage');
const WorkflowBuilderPage = lazyNamed(() => import('./workflows/WorkflowBuilderPage'), 'WorkflowBuilderPage');
const WorkflowRunsPage = lazyNamed(() => import('./workflows/WorkflowRunsPage'), 'WorkflowRunsPage');
const BroadcastsPage = lazyNamed(() => import('./broadcasts/BroadcastsPage'), 'BroadcastsPage');
const BroadcastFormPage = lazyNamed(() => import('./broadcasts/BroadcastFormPage'), 'BroadcastFormPage');
const BroadcastDetailPage = lazyNamed(() => import('./broadcasts/BroadcastDetailPage'), 'BroadcastDetailPage');
const ApiTokensSettings = lazyNamed(() => import('./settings/ApiTokensSettings'), 'ApiTokensSettings');
const WebhooksSettings = lazyNamed(() => import('./settings/WebhooksSettings'), 'WebhooksSettings');
const FilesSettings = lazyNamed(() => import('./settings/FilesSettings'), 'FilesSettings');
const GoogleSheetsSettings = lazyNamed(() => import('./settings/GoogleSheetsSettings'), 'GoogleSheetsSettings');
const KnowledgeSettings = lazyNamed(() => import('./settings/KnowledgeSettings'), 'KnowledgeSettings');
const AiSettings = lazyNamed(() => import('./settings/AiSettings'), 'AiSettings');

function Loading() {
  const { t } = useTranslation();
  return <p className="list-placeholder muted">{t('common.loading')}</p>;
}

export function App() {
  return (
    <Suspense fallback={<Loading />}>
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
            <Route path="workflows" element={<WorkflowsPage />} />
            <Route path="workflows/:workflowId" element={<WorkflowBuilderPage />} />
            <Route path="workflows/:workflowId/runs" element={<WorkflowRunsPage />} />
            <Route path="broadcasts" element={<BroadcastsPage />} />
            <Route path="broadcasts/new" element={<BroadcastFormPage />} />
            <Route path="broadcasts/:broadcastId" element={<BroadcastDetailPage />} />
            <Route path="reports" element={<ComingSoonPage module="reports" />} />
            <Route path="settings" element={<SettingsLayout />}>
              <Route index element={<Navigate to="channels" replace />} />
              <Route path="general" element={<GeneralSettings />} />
              <Route path="closing-notes" element={<ClosingNotesSettings />} />
              <Route path="channels" element={<ChannelsSettings />} />
              <Route path="users" element={<UsersSettings />} />
              <Route path="teams" element={<TeamsSettings />} />
              <Route path="snippets" element={<SnippetsSettings />} />
              <Route path="tags" element={<TagsSettings />} />
              <Route path="files" element={<FilesSettings />} />
              <Route path="outbox" element={<OutboxSettings />} />
              <Route path="business-hours" element={<BusinessHoursSettings />} />
              <Route path="contact-fields" element={<CustomFieldsSettings />} />
              <Route path="api-tokens" element={<ApiTokensSettings />} />
              <Route path="webhooks" element={<WebhooksSettings />} />
              <Route path="google-sheets" element={<GoogleSheetsSettings />} />
              <Route path="knowledge" element={<KnowledgeSettings />} />
              <Route path="ai" element={<AiSettings />} />
            </Route>
          </Route>
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Suspense>
  );
}
