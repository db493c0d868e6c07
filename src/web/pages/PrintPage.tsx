import { Alert } from '@mantine/core';
import { useSession } from '../app/session.tsx';
import { RequireYear } from '../components/Page.tsx';
import { PrintView } from '../features/printing/PrintView.tsx';

export function PrintPage() {
  const { can, me } = useSession();
  if (!can('documents.print') && me.homeroomClassIds.length === 0) {
    return (
      <Alert color="orange" title="Không có quyền">
        Chỉ giáo viên chủ nhiệm (lớp của mình), Ban giám hiệu, Ban quản trị và văn thư được in hàng loạt.
      </Alert>
    );
  }
  return <RequireYear>{(yearId) => <PrintView key={yearId} yearId={yearId} />}</RequireYear>;
}
