/**
 * Signing the next step of a document, over exactly the version the signer was shown
 * (expectedSha256 = its currentSha256): with her certificate file (.p12/.pfx + password, sent for
 * this signature only and never stored), a remote-signing service, or — for the seal — the
 * school's certificate on the server. "Ghi nhận ký tay" records a signature given on paper.
 */
import { Alert, Button, FileInput, Group, Modal, PasswordInput, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { documentsApi } from '../../api/endpoints.ts';
import type { DocumentDetail, DocumentSummary, SignDocumentInput, SignatureStatus } from '../../api/types.ts';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert.tsx';

type Method = SignDocumentInput['method'];
const METHOD_LABELS: Record<Method, string> = {
  pkcs12: 'Tệp chứng thư số (.p12/.pfx) và mật khẩu',
  remote: 'Dịch vụ ký số từ xa (mã chứng thư)',
  server: 'Chứng thư số của nhà trường (trên máy chủ)',
};

async function fileBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function SignForm({
  doc,
  step,
  viewed,
  onDone,
  onStale,
}: {
  doc: DocumentDetail;
  step: SignatureStatus;
  /** The signer ticked "Tôi đã xem văn bản" after opening this version. */
  viewed: boolean;
  onDone(fresh: DocumentSummary): void;
  /** The document changed since it was shown (409): load and show it again. */
  onStale(): void;
}) {
  const methods: Method[] = step.role === 'seal' ? ['server', 'pkcs12', 'remote'] : ['pkcs12', 'remote'];
  const [method, setMethod] = useState<Method>(methods[0]);
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [credentialId, setCredentialId] = useState('');
  const [handOpen, hand] = useDisclosure(false);
  const handLabel = step.role === 'seal' ? 'Ghi nhận đóng dấu trên bản giấy' : 'Ghi nhận ký tay';

  const sign = useMutation({
    mutationFn: async () => {
      const base = { seq: step.seq, expectedSha256: doc.currentSha256 };
      const body: SignDocumentInput =
        method === 'pkcs12'
          ? { ...base, method, p12: await fileBase64(file as File), password }
          : method === 'remote'
            ? { ...base, method, credentialId: credentialId.trim() }
            : { ...base, method };
      return documentsApi.sign(doc.id, body);
    },
    onSuccess: (fresh) => {
      setPassword('');
      setFile(null);
      onDone(fresh);
    },
  });
  const handwritten = useMutation({
    mutationFn: () => documentsApi.markHandwritten(doc.id, step.seq),
    onSuccess: (fresh) => {
      hand.close();
      onDone(fresh);
    },
  });

  // The server names the field at fault (its text there is a code): the field turns red, the alert says why.
  const stale = sign.error instanceof ApiError && sign.error.status === 409 ? sign.error : null;
  const ready = viewed && (method === 'server' || (method === 'pkcs12' ? file !== null : credentialId.trim() !== ''));

  return (
    <Stack gap="sm">
      <Radio.Group label="Cách ký" value={method} onChange={(v) => setMethod(v as Method)}>
        <Stack gap={6} mt={4}>
          {methods.map((m) => (
            <Radio key={m} value={m} label={METHOD_LABELS[m]} />
          ))}
        </Stack>
      </Radio.Group>
      {method === 'pkcs12' && (
        <>
          <FileInput
            label="Tệp chứng thư số"
            placeholder="Chọn tệp .p12 hoặc .pfx"
            accept=".p12,.pfx,application/x-pkcs12"
            value={file}
            onChange={setFile}
            clearable
            error={Boolean(fieldError(sign.error, 'certificate'))}
            maw={420}
          />
          <PasswordInput label="Mật khẩu của tệp chứng thư số" value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={Boolean(fieldError(sign.error, 'password'))} maw={420} autoComplete="off" />
          <Text size="xs" c="dimmed">
            Tệp và mật khẩu chỉ dùng cho lần ký này, không được lưu trên máy chủ. Chứng thư số phải mang đúng họ tên của thầy/cô.
          </Text>
        </>
      )}
      {method === 'remote' && (
        <TextInput
          label="Mã chứng thư số trên dịch vụ ký số từ xa"
          description="Do nhà cung cấp dịch vụ ký số cấp; thầy/cô xác nhận lệnh ký trên điện thoại theo hướng dẫn của nhà cung cấp."
          value={credentialId}
          onChange={(e) => setCredentialId(e.currentTarget.value)}
          error={Boolean(fieldError(sign.error, 'credentialId'))}
          maw={420}
        />
      )}
      {method === 'server' && (
        <Text size="sm" c="dimmed">
          Con dấu số dùng chứng thư số của nhà trường cài trên máy chủ; chỉ Hiệu trưởng hoặc văn thư được đóng dấu.
        </Text>
      )}
      {stale ? (
        <Alert color="orange" title="Văn bản đã thay đổi" role="alert">
          {stale.message}
          <Group mt="sm">
            <Button size="xs" color="orange" onClick={() => { sign.reset(); onStale(); }}>
              Tải lại văn bản
            </Button>
          </Group>
        </Alert>
      ) : (
        <ErrorAlert error={sign.error} title="Chưa ký được" />
      )}
      <Group gap="sm">
        <Button onClick={() => sign.mutate()} loading={sign.isPending} disabled={!ready}>
          {step.role === 'seal' ? 'Đóng dấu số' : 'Ký số'}
        </Button>
        <Button variant="default" onClick={hand.open}>
          {handLabel}
        </Button>
      </Group>
      {!viewed && <Text size="xs" c="orange.8">Hãy mở và xem văn bản, rồi đánh dấu “Tôi đã xem văn bản” trước khi ký.</Text>}

      <Modal opened={handOpen} onClose={hand.close} title={`${handLabel} — không phải chữ ký số`}>
        <Stack gap="sm">
          <Text size="sm">
            Dùng khi mục <b>{step.roleLabel}</b> đã được {step.role === 'seal' ? 'đóng dấu' : 'ký tay'} trên bản giấy của văn bản này. Hệ thống sẽ ghi rõ: “
            {step.role === 'seal' ? 'Đóng dấu trên bản giấy' : 'Ký tay trên bản giấy'} — không phải chữ ký số”;
            tệp PDF không thay đổi và trang kiểm tra công khai cũng hiển thị như vậy.
          </Text>
          <ErrorAlert error={handwritten.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={hand.close}>
              Thôi
            </Button>
            <Button color="yellow" onClick={() => handwritten.mutate()} loading={handwritten.isPending}>
              {handLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
