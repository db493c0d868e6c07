/**
 * "Con dấu số của nhà trường" (issue 14): the seal certificate the principal registered — the seal
 * step accepts only it — and, for the principal, its registration: the certificate configured on
 * the server, or a certificate file (.cer/.crt/.pem) of the school's seal.
 */
import { Alert, Button, Code, FileInput, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import type { ZRegisterSeal, ZSealRegistration, ZSealStatus } from '../../../shared/documents.ts';
import { http } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Page.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { readableDistinguishedName } from '../../../shared/certificate-names.ts';

type SealStatus = z.infer<typeof ZSealStatus>;
type SealRegistration = z.infer<typeof ZSealRegistration>;
type RegisterSeal = z.infer<typeof ZRegisterSeal>;

const sealKey = (schoolId: string) => ['seal', schoolId] as const;

/** A certificate file as the server takes it: PEM text as is, DER as base64. */
async function certificateText(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const text = new TextDecoder('latin1').decode(bytes);
  if (text.includes('-----BEGIN')) return text;
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** "ab12 cd34 …": a fingerprint people can compare with the CA's paper. */
const groups = (hex: string) => hex.replace(/(.{4})/g, '$1 ').trim();

function Certificate({ subject, issuer, notBefore, notAfter, sha256 }: { subject: string; issuer: string; notBefore: string; notAfter: string; sha256: string }) {
  return (
    <Stack gap={2}>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        <b>Chứng thư:</b> {readableDistinguishedName(subject)}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        <b>Tổ chức cấp:</b> {readableDistinguishedName(issuer)}
      </Text>
      <Text size="sm">
        <b>Hiệu lực:</b> {formatDate(notBefore)} – {formatDate(notAfter)}
      </Text>
      <Text size="sm">
        <b>Dấu vân tay SHA-256:</b> <Code style={{ overflowWrap: 'anywhere', whiteSpace: 'normal' }}>{groups(sha256)}</Code>
      </Text>
    </Stack>
  );
}

function Registered({ current }: { current: SealRegistration | null }) {
  if (!current) {
    return (
      <Alert color="orange" title="Nhà trường chưa đăng kí chứng thư số con dấu" data-testid="seal-current">
        Bước đóng dấu số của học bạ bị từ chối cho đến khi Hiệu trưởng đăng kí chứng thư con dấu của trường. Sau khi đăng kí, bước đóng dấu chỉ nhận đúng chứng thư này.
      </Alert>
    );
  }
  return (
    <Alert color="green" title="Con dấu số đã đăng kí" data-testid="seal-current">
      <Stack gap="xs">
        <Certificate subject={current.subject} issuer={current.issuer} notBefore={current.notBefore} notAfter={current.notAfter} sha256={current.certificateSha256} />
        <Text size="xs" c="dimmed">
          Đăng kí lúc {formatDateTime(current.registeredAt)}
          {current.registeredBy ? ` bởi ${current.registeredBy}` : ''}. Bước đóng dấu số chỉ nhận chứng thư có dấu vân tay này.
        </Text>
      </Stack>
    </Alert>
  );
}

export function SealPanel() {
  const { schoolId } = useSession();
  const qc = useQueryClient();
  const status = useQuery({ queryKey: sealKey(schoolId), queryFn: () => http.get<SealStatus>(`/schools/${schoolId}/seal`) });
  const [file, setFile] = useState<File | null>(null);
  const [pending, setPending] = useState<{ body: () => Promise<RegisterSeal>; what: string } | null>(null);
  const register = useMutation({
    mutationFn: async (body: () => Promise<RegisterSeal>) => http.post<SealStatus>(`/schools/${schoolId}/seal`, await body()),
    onSuccess: (fresh) => {
      qc.setQueryData(sealKey(schoolId), fresh);
      setPending(null);
      setFile(null);
    },
  });

  if (status.isLoading) return <Loading />;
  if (status.error || !status.data) return <ErrorAlert error={status.error} onRetry={() => status.refetch()} />;
  const { current, previous, configured, configuredError, canRegister } = status.data;
  const configuredIsCurrent = configured && current?.certificateSha256 === configured.certificateSha256;

  return (
    <Stack gap="md" data-testid="seal-panel">
      <Registered current={current} />
      {canRegister && (
        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            <Title order={4}>Đăng kí chứng thư con dấu</Title>
            <Text size="sm" c="dimmed">
              Chỉ Hiệu trưởng được đăng kí. Chứng thư phải còn hiệu lực và do một tổ chức chứng thực được tin cậy cấp. Đăng kí chứng thư mới thay cho chứng thư cũ; các văn bản đã đóng dấu trước đó vẫn là của nhà trường.
            </Text>
            {configuredError && <Alert color="red">{configuredError}</Alert>}
            {configured && (
              <Paper withBorder p="sm" radius="sm" data-testid="seal-configured">
                <Stack gap="xs">
                  <Text fw={600} size="sm">
                    Chứng thư con dấu cấu hình trên máy chủ
                  </Text>
                  <Certificate subject={configured.subject} issuer={configured.issuer} notBefore={configured.notBefore} notAfter={configured.notAfter} sha256={configured.certificateSha256} />
                  <Text size="sm" c={configured.trusted ? 'green.8' : 'red.8'}>
                    {configured.trust}
                  </Text>
                  <Group>
                    <Button
                      disabled={Boolean(configuredIsCurrent) || !configured.trusted}
                      onClick={() => setPending({ body: async () => ({ source: 'configured' }), what: configured.subject })}
                    >
                      {configuredIsCurrent ? 'Đang là con dấu đã đăng kí' : 'Đăng kí chứng thư này'}
                    </Button>
                  </Group>
                </Stack>
              </Paper>
            )}
            <Group align="flex-end" gap="sm">
              <FileInput
                label="Hoặc chọn tệp chứng thư của con dấu"
                description="Tệp .cer, .crt hoặc .pem do tổ chức chứng thực cấp (không phải tệp .p12)"
                placeholder="Chọn tệp chứng thư"
                accept=".cer,.crt,.pem,.der,application/x-x509-ca-cert,application/pkix-cert"
                value={file}
                onChange={setFile}
                clearable
                error={Boolean(fieldError(register.error, 'certificate'))}
                w={420}
                maw="100%"
              />
              <Button variant="default" disabled={!file} onClick={() => file && setPending({ body: async () => ({ source: 'certificate', certificate: await certificateText(file) }), what: file.name })}>
                Đăng kí chứng thư từ tệp
              </Button>
            </Group>
            {!pending && <ErrorAlert error={register.error} title="Chưa đăng kí được" />}
          </Stack>
        </Paper>
      )}
      {previous.length > 0 && (
        <Stack gap="xs">
          <Title order={4}>Các chứng thư con dấu trước đây</Title>
          <Table.ScrollContainer minWidth={560}>
            <Table striped withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Chứng thư</Table.Th>
                  <Table.Th>Dấu vân tay SHA-256</Table.Th>
                  <Table.Th>Đăng kí</Table.Th>
                  <Table.Th>Thay thế lúc</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {previous.map((r) => (
                  <Table.Tr key={`${r.certificateSha256}-${r.registeredAt}`}>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{readableDistinguishedName(r.subject)}</Table.Td>
                    <Table.Td>
                      <Code>{r.certificateSha256.slice(0, 16)}…</Code>
                    </Table.Td>
                    <Table.Td>
                      {formatDateTime(r.registeredAt)}
                      {r.registeredBy ? ` — ${r.registeredBy}` : ''}
                    </Table.Td>
                    <Table.Td>{formatDateTime(r.replacedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}

      <Modal opened={pending !== null} onClose={() => setPending(null)} title="Đăng kí chứng thư con dấu của nhà trường">
        <Stack gap="sm">
          <Text size="sm">
            Từ nay, bước đóng dấu số chỉ nhận chữ ký bằng chứng thư <b>{pending?.what}</b>
            {current ? '; chứng thư con dấu đang đăng kí sẽ không dùng để đóng dấu được nữa' : ''}. Việc đăng kí được ghi vào nhật kí hệ thống.
          </Text>
          <ErrorAlert error={register.error} title="Chưa đăng kí được" />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setPending(null)}>
              Thôi
            </Button>
            <Button onClick={() => pending && register.mutate(pending.body)} loading={register.isPending}>
              Đăng kí
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
