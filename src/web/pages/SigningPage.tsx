import { Alert } from '@mantine/core';
import { useParams } from 'wouter';
import { useSession } from '../app/session.tsx';
import { DocumentView } from '../features/documents/DocumentView.tsx';
import { SigningView } from '../features/documents/SigningView.tsx';
import { BatchSigningView } from '../features/documents/BatchSigningView.tsx';

export function SigningPage() {
  const { documentId } = useParams<{ documentId?: string }>();
  const { can, me } = useSession();
  if (!can('document.view') && me.homeroomClassIds.length === 0) {
    return (
      <Alert color="orange" title="Không có quyền">
        Chỉ giáo viên chủ nhiệm (văn bản của lớp mình), Ban giám hiệu, Ban quản trị và văn thư được xem và ký văn bản.
      </Alert>
    );
  }
  // /ky-so/hang-loat: batch signing (issue 15 §3); /ky-so/<id>: one document.
  if (documentId === 'hang-loat') return <BatchSigningView />;
  return documentId ? <DocumentView key={documentId} documentId={documentId} /> : <SigningView />;
}
