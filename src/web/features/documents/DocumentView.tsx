/**
 * One stored document: the PDF first (opened in a new tab — the server forbids framing any of
 * its responses, see src/server/app.ts), "Tôi đã xem văn bản", then the signing form for the
 * step due; the signature steps, the versions, the public verification page.
 */
import { Alert, Anchor, Badge, Button, Checkbox, Code, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { documentsApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { DocumentSummary } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { SignForm } from './SignForm.tsx';
import { DocumentStatusBadge, SignatureSteps } from './SignatureSteps.tsx';

export function DocumentView({ documentId }: { documentId: string }) {
  const qc = useQueryClient();
  const { schoolId } = useSession();
  const query = useQuery({ queryKey: keys.document(documentId), queryFn: () => documentsApi.get(documentId) });
  // What the signer opened, by its hash: a new signature makes a new file to look at again.
  const [openedSha, setOpenedSha] = useState<string | null>(null);
  const [viewedSha, setViewedSha] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (query.isLoading) return <Loading />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} onRetry={() => query.refetch()} />;
  const doc = query.data;
  const step = doc.canSign ? [...doc.signatures].sort((a, b) => a.seq - b.seq).find((s) => s.status === 'pending' && s.role === doc.canSign) : undefined;
  const viewed = viewedSha === doc.currentSha256;

  const refresh = async () => {
    setOpenedSha(null);
    setViewedSha(null);
    await qc.invalidateQueries({ queryKey: keys.document(documentId) });
    await qc.invalidateQueries({ queryKey: keys.documents(schoolId) });
  };
  const signed = async (fresh: DocumentSummary) => {
    // The answer is the document as it now stands: show it at once, then reload the rest.
    qc.setQueryData(keys.document(documentId), (old: typeof doc | undefined) => (old ? { ...old, ...fresh } : old));
    const last = [...fresh.signatures].reverse().find((s) => s.status !== 'pending');
    setNotice(last ? `Đã ghi nhận: ${last.roleLabel} — ${last.status === 'signed' ? 'đã ký số' : last.role === 'seal' ? 'đóng dấu trên bản giấy' : 'ký tay trên bản giấy'}.` : 'Đã ghi nhận.');
    await refresh();
  };

  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Ký số', href: '/ky-so' }, { label: doc.title }]}
        title={doc.title}
        subtitle={`${doc.kindLabel} · phiên bản ${doc.versionNo} · lập lúc ${formatDateTime(doc.createdAt)}`}
        actions={<DocumentStatusBadge doc={doc} />}
      />
      <Stack gap="md">
        {notice && (
          <Alert color="green" withCloseButton onClose={() => setNotice(null)} data-testid="sign-notice">
            {notice}
          </Alert>
        )}
        {doc.supersededById && (
          <Alert color="orange" title="Đã có bản mới thay thế">
            Văn bản này không còn được ký.{' '}
            <Anchor component={Link} href={`/ky-so/${doc.supersededById}`}>
              Mở phiên bản mới
            </Anchor>
          </Alert>
        )}

        <Paper withBorder p="md" radius="md">
          <Stack gap="xs">
            <Title order={2} size="h4">
              Văn bản
            </Title>
            <Group gap="sm">
              <Button component="a" href={documentsApi.pdfUrl(doc.id)} target="_blank" rel="noopener" onClick={() => setOpenedSha(doc.currentSha256)}>
                Mở văn bản (PDF)
              </Button>
              <Button component="a" href={documentsApi.verifyUrl(doc.id)} target="_blank" rel="noopener" variant="light">
                Trang kiểm tra công khai
              </Button>
            </Group>
            <Text size="xs" c="dimmed">
              Bản hiện hành{doc.signatures.some((s) => s.status === 'signed') ? ' (kèm các chữ ký số đã có)' : ''}, mã băm SHA-256:
            </Text>
            <Code style={{ overflowWrap: 'anywhere', whiteSpace: 'normal' }}>{doc.currentSha256}</Code>
          </Stack>
        </Paper>

        <Paper withBorder p="md" radius="md">
          <Stack gap="xs">
            <Title order={2} size="h4">
              Chữ ký
            </Title>
            <SignatureSteps signatures={doc.signatures} />
          </Stack>
        </Paper>

        {step && (
          <Paper withBorder p="md" radius="md" data-testid="sign-panel">
            <Stack gap="sm">
              <Group gap="xs">
                <Title order={2} size="h4">
                  Ký văn bản
                </Title>
                <Badge variant="outline">{step.roleLabel}</Badge>
              </Group>
              <Checkbox
                label="Tôi đã xem văn bản"
                description={openedSha === doc.currentSha256 ? 'Chữ ký sẽ gắn với đúng bản thầy/cô vừa mở.' : 'Hãy bấm “Mở văn bản (PDF)” ở trên và đọc kỹ trước.'}
                disabled={openedSha !== doc.currentSha256}
                checked={viewed}
                onChange={(e) => setViewedSha(e.currentTarget.checked ? doc.currentSha256 : null)}
              />
              <SignForm key={`${doc.currentSha256}-${step.seq}`} doc={doc} step={step} viewed={viewed} onDone={signed} onStale={refresh} />
            </Stack>
          </Paper>
        )}

        {doc.versions.length > 1 && (
          <Paper withBorder p="md" radius="md">
            <Stack gap={4}>
              <Title order={2} size="h4">
                Các phiên bản
              </Title>
              {doc.versions.map((v) => (
                <Text key={v.id} size="sm">
                  {v.id === doc.id ? (
                    <b>Phiên bản {v.versionNo} (đang xem)</b>
                  ) : (
                    <Anchor component={Link} href={`/ky-so/${v.id}`}>
                      Phiên bản {v.versionNo}
                    </Anchor>
                  )}{' '}
                  — lập lúc {formatDateTime(v.createdAt)}
                </Text>
              ))}
            </Stack>
          </Paper>
        )}
      </Stack>
    </>
  );
}
