/**
 * Khóa sổ, mở sổ (C1, C7, G10): the principal locks and unlocks by scope, sets the update windows
 * (Đợt cập nhật điểm) whose end locks their point, and sets how score changes are controlled in
 * the school. The admin board locks on the principal's recorded order; its releases and window
 * changes are requests the principal — or a vice-principal she delegated (issue 22) — confirms or
 * refuses here (issue 14 §3).
 */
import { Tabs } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { locksApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { PendingRequests } from './LockRequestsPanel.tsx';
import { LocksPanel } from './LocksPanel.tsx';
import { SettingsPanel } from './SettingsPanel.tsx';
import { WindowsPanel } from './WindowsPanel.tsx';

export function LocksView({ yearId }: { yearId: string }) {
  const overview = useQuery({ queryKey: keys.locks(yearId), queryFn: () => locksApi.overview(yearId) });
  return (
    <>
      <PageHeader
        title="Khóa sổ, mở sổ"
        subtitle="Hiệu trưởng quyết định thời điểm khóa, mở sổ điểm. Ban quản trị phần mềm khóa sổ theo lệnh của Hiệu trưởng; mở sổ, đổi đợt cập nhật điểm chỉ có hiệu lực khi Hiệu trưởng xác nhận. Mọi lệnh đều được ghi lại."
      />
      {overview.isLoading && <Loading />}
      {overview.error && <ErrorAlert error={overview.error} onRetry={() => overview.refetch()} />}
      {overview.data && <PendingRequests yearId={yearId} overview={overview.data} />}
      {overview.data && (
        <Tabs defaultValue="locks" keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="locks">Khóa sổ</Tabs.Tab>
            <Tabs.Tab value="windows">Đợt cập nhật điểm</Tabs.Tab>
            <Tabs.Tab value="settings">Thiết lập sửa điểm</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="locks">
            <LocksPanel yearId={yearId} overview={overview.data} />
          </Tabs.Panel>
          <Tabs.Panel value="windows">
            <WindowsPanel yearId={yearId} overview={overview.data} />
          </Tabs.Panel>
          <Tabs.Panel value="settings">
            <SettingsPanel />
          </Tabs.Panel>
        </Tabs>
      )}
    </>
  );
}
