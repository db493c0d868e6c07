/**
 * "Ký hàng loạt" (issue 15 §3): the documents waiting for the user's step, filtered by step, kind
 * and class, reviewed one after another in ONE viewer (Trước / Sau), each ticked "Tôi đã xem" for
 * exactly the version shown (its SHA-256), then signed together with one certificate file and
 * one password (or one request to the remote-signing service, or the school's seal on the server).
 * A progress bar follows the server document by document; the results list what was signed and
 * what was not, and why. Each document is signed wholly or not at all.
 */
import { Alert, Anchor, Badge, Button, Checkbox, FileInput, Grid, Group, Paper, PasswordInput, Progress, Radio, ScrollArea, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { documentsApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { DocumentSummary } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert, fieldError } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { SIGNER_ROLE_LABELS } from '../../../shared/labels.ts';
import { type BatchMethod, type BatchProgress, type BatchResult, type BatchRole, signBatch } from './batch-signing-api.ts';

type Method = BatchMethod['method'];
const METHOD_LABELS: Record<Method, string> = {
  pkcs12: 'Tệp chứng thư số (.p12/.pfx) và mật khẩu — nhập một lần cho cả lượt ký',
  remote: 'Dịch vụ ký số từ xa — xác nhận một lần trên điện thoại cho cả lượt ký',
  server: 'Chứng thư số của nhà trường (trên máy chủ)',
};

/** "Học bạ – Nguyễn Văn An – lớp 9A1" → "9A1". */
function classOf(title: string): string | null {
  return /lớp ([^\s–]+)/u.exec(title)?.[1] ?? null;
}

async function fileBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function batchRoleOf(value: string | null): BatchRole | null {
  return value === 'homeroom' || value === 'principal' || value === 'seal' ? value : null;
}

export function BatchSigningView() {
  const { schoolId, me } = useSession();
  const qc = useQueryClient();
  const mine = useQuery({ queryKey: keys.documents(schoolId, { awaiting: 'me' }), queryFn: () => documentsApi.list(schoolId, { awaiting: 'me' }) });
  // A to-do item opens the batch already filtered: ?role=homeroom&kind=transcript&lop=9A1.
  const query = new URLSearchParams(useSearch());
  const [roleChoice, setRoleChoice] = useState<BatchRole | null>(() => batchRoleOf(query.get('role')));
  const [kind, setKind] = useState<string | null>(() => query.get('kind'));
  const [cls, setCls] = useState<string | null>(() => query.get('lop'));
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [current, setCurrent] = useState(0);
  /** document id → the SHA-256 of the version shown in the viewer, and of the one ticked "Tôi đã xem". */
  const [shown, setShown] = useState<Record<string, string>>({});
  const [seen, setSeen] = useState<Record<string, string>>({});
  const [method, setMethod] = useState<Method>('pkcs12');
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [credentialId, setCredentialId] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<(BatchResult & { role: BatchRole }) | null>(null);

  const docs = useMemo(() => mine.data ?? [], [mine.data]);
  const roles = useMemo(() => [...new Set(docs.map((d) => d.canSign).filter((r): r is BatchRole => r === 'homeroom' || r === 'principal' || r === 'seal'))], [docs]);
  const role = roleChoice && roles.includes(roleChoice) ? roleChoice : roles[0] ?? null;
  const ofRole = docs.filter((d) => d.canSign === role);
  const kinds = [...new Map(ofRole.map((d) => [d.kind, d.kindLabel])).entries()];
  const classes = [...new Set(ofRole.map((d) => classOf(d.title)).filter((c): c is string => !!c))].sort((a, b) => a.localeCompare(b, 'vi', { numeric: true }));
  const list = ofRole.filter((d) => (!kind || d.kind === kind) && (!cls || classOf(d.title) === cls));
  const at = Math.min(current, Math.max(0, list.length - 1));
  const doc: DocumentSummary | undefined = list[at];
  const isSeen = (d: DocumentSummary) => seen[d.id] === d.currentSha256;
  const chosen = list.filter((d) => selected.has(d.id));
  const ready = chosen.filter(isSeen);
  const signerReady = method === 'server' || (method === 'pkcs12' ? file !== null : credentialId.trim() !== '');
  const methods: Method[] = role === 'seal' ? ['server', 'pkcs12', 'remote'] : ['pkcs12', 'remote'];
  const activeMethod = methods.includes(method) ? method : methods[0];

  if (mine.isLoading) return <Loading />;
  if (mine.error) return <ErrorAlert error={mine.error} onRetry={() => mine.refetch()} />;

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const go = (i: number) => setCurrent(Math.max(0, Math.min(list.length - 1, i)));

  const run = async () => {
    if (!role) return;
    setError(null);
    setResult(null);
    setRunning(true);
    setProgress({ done: 0, total: ready.length });
    try {
      const signer: BatchMethod =
        activeMethod === 'pkcs12' ? { method: 'pkcs12', p12: await fileBase64(file as File), password } : activeMethod === 'remote' ? { method: 'remote', credentialId: credentialId.trim() } : { method: 'server' };
      const out = await signBatch(
        schoolId,
        { role, items: ready.map((d) => ({ documentId: d.id, expectedSha256: d.currentSha256 })), ...signer },
        me.csrfToken,
        (p: BatchProgress) => setProgress({ done: p.done, total: p.total }),
      );
      setResult({ ...out, role });
      setRoleChoice(role);
      setPassword('');
      setSelected(new Set());
      await qc.invalidateQueries({ queryKey: keys.documents(schoolId) });
    } catch (e) {
      setError(e);
      setProgress(null);
    } finally {
      setRunning(false);
    }
  };

  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Ký số', href: '/ky-so' }, { label: 'Ký hàng loạt' }]}
        title="Ký hàng loạt"
        subtitle="Xem lần lượt từng văn bản trong một khung xem, đánh dấu “Tôi đã xem”, rồi ký tất cả các văn bản đã xem với một lần nhập mật khẩu. Mỗi văn bản được ký trọn vẹn hoặc không ký."
      />
      {!role ? (
        <Text c="dimmed" mb="md">
          Không có văn bản nào đang chờ thầy/cô ký.
        </Text>
      ) : (
        <Stack gap="md">
          <Group gap="sm" align="flex-end" wrap="wrap">
            <Select
              label="Bước ký"
              data={roles.map((r) => ({ value: r, label: SIGNER_ROLE_LABELS[r] }))}
              value={role}
              onChange={(v) => {
                setRoleChoice(v as BatchRole);
                setSelected(new Set());
                setCurrent(0);
              }}
              allowDeselect={false}
              w={260}
              maw="100%"
              data-testid="batch-role"
            />
            <Select label="Loại văn bản" placeholder="Mọi loại" data={kinds.map(([value, label]) => ({ value, label }))} value={kind} onChange={(v) => { setKind(v); setCurrent(0); }} clearable w={260} maw="100%" />
            <Select label="Lớp" placeholder="Mọi lớp" data={classes} value={cls} onChange={(v) => { setCls(v); setCurrent(0); }} clearable w={160} maw="100%" data-testid="batch-class" />
          </Group>

          <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Paper withBorder p="sm" radius="md">
                <Stack gap="xs">
                  <Group justify="space-between" wrap="nowrap">
                    <Checkbox
                      label={`Chọn tất cả (${list.length})`}
                      checked={list.length > 0 && chosen.length === list.length}
                      indeterminate={chosen.length > 0 && chosen.length < list.length}
                      onChange={(e) => setSelected(e.currentTarget.checked ? new Set(list.map((d) => d.id)) : new Set())}
                      data-testid="batch-select-all"
                    />
                    <Text size="xs" c="dimmed">
                      đã xem {list.filter(isSeen).length}/{list.length}
                    </Text>
                  </Group>
                  <ScrollArea.Autosize mah={420} type="auto">
                    <Stack gap={2}>
                      {list.map((d, i) => (
                        <Group
                          key={d.id}
                          gap="xs"
                          wrap="nowrap"
                          px={6}
                          py={4}
                          style={{ borderRadius: 6, background: i === at ? 'var(--mantine-color-blue-0)' : undefined, cursor: 'pointer' }}
                          onClick={() => go(i)}
                          data-testid="batch-row"
                        >
                          <Checkbox aria-label={`Chọn ${d.title}`} checked={selected.has(d.id)} onChange={(e) => toggle(d.id, e.currentTarget.checked)} onClick={(e) => e.stopPropagation()} />
                          <Text size="sm" style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
                            {d.title}
                          </Text>
                          {isSeen(d) ? (
                            <Badge color="teal" variant="light" size="sm">
                              Đã xem
                            </Badge>
                          ) : (
                            <Badge color="gray" variant="outline" size="sm">
                              Chưa xem
                            </Badge>
                          )}
                        </Group>
                      ))}
                      {list.length === 0 && <Text size="sm" c="dimmed">Không có văn bản nào khớp bộ lọc.</Text>}
                    </Stack>
                  </ScrollArea.Autosize>
                </Stack>
              </Paper>
            </Grid.Col>

            <Grid.Col span={{ base: 12, md: 8 }}>
              {doc && (
                <Paper withBorder p="sm" radius="md" data-testid="batch-viewer">
                  <Stack gap="xs">
                    <Group justify="space-between" wrap="wrap" gap="xs">
                      <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                        {doc.title}
                      </Text>
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" variant="default" onClick={() => go(at - 1)} disabled={at === 0}>
                          ‹ Trước
                        </Button>
                        <Text size="sm" data-testid="batch-position">
                          {at + 1}/{list.length}
                        </Text>
                        <Button size="xs" variant="default" onClick={() => go(at + 1)} disabled={at >= list.length - 1}>
                          Sau ›
                        </Button>
                      </Group>
                    </Group>
                    <iframe
                      key={`${doc.id}-${doc.currentSha256}`}
                      title={`Văn bản: ${doc.title}`}
                      src={`${documentsApi.pdfUrl(doc.id)}?embed=1`}
                      style={{ width: '100%', height: '62vh', minHeight: 320, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 6 }}
                      onLoad={() => setShown((s) => ({ ...s, [doc.id]: doc.currentSha256 }))}
                      data-testid="batch-frame"
                    />
                    <Group justify="space-between" wrap="wrap" gap="xs">
                      <Checkbox
                        label="Tôi đã xem văn bản này"
                        description={shown[doc.id] === doc.currentSha256 ? 'Chữ ký sẽ gắn với đúng bản đang hiển thị.' : 'Đang mở văn bản…'}
                        disabled={shown[doc.id] !== doc.currentSha256}
                        checked={isSeen(doc)}
                        onChange={(e) => {
                          const on = e.currentTarget.checked;
                          setSeen((s) => ({ ...s, [doc.id]: on ? doc.currentSha256 : '' }));
                          if (on) toggle(doc.id, true);
                        }}
                        data-testid="batch-seen"
                      />
                      <Button
                        size="xs"
                        disabled={shown[doc.id] !== doc.currentSha256}
                        onClick={() => {
                          setSeen((s) => ({ ...s, [doc.id]: doc.currentSha256 }));
                          toggle(doc.id, true);
                          go(at + 1);
                        }}
                        data-testid="batch-seen-next"
                      >
                        Đã xem, sang văn bản sau
                      </Button>
                    </Group>
                    <Anchor component={Link} href={`/ky-so/${doc.id}`} size="xs">
                      Mở trang của văn bản (chữ ký, phiên bản)
                    </Anchor>
                  </Stack>
                </Paper>
              )}
            </Grid.Col>
          </Grid>

          <Paper withBorder p="md" radius="md" data-testid="batch-sign-panel">
            <Stack gap="sm">
              <Title order={2} size="h4">
                Ký {ready.length} văn bản đã chọn và đã xem — bước {SIGNER_ROLE_LABELS[role]}
              </Title>
              {chosen.length > ready.length && (
                <Text size="sm" c="orange.8">
                  {chosen.length - ready.length} văn bản đã chọn nhưng chưa được đánh dấu “Tôi đã xem”: sẽ không được ký.
                </Text>
              )}
              <Radio.Group label="Cách ký" value={activeMethod} onChange={(v) => setMethod(v as Method)}>
                <Stack gap={6} mt={4}>
                  {methods.map((m) => (
                    <Radio key={m} value={m} label={METHOD_LABELS[m]} />
                  ))}
                </Stack>
              </Radio.Group>
              {activeMethod === 'pkcs12' && (
                <>
                  <FileInput label="Tệp chứng thư số" placeholder="Chọn tệp .p12 hoặc .pfx" accept=".p12,.pfx,application/x-pkcs12" value={file} onChange={setFile} clearable error={Boolean(fieldError(error, 'certificate'))} maw={420} />
                  <PasswordInput label="Mật khẩu của tệp chứng thư số" value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={Boolean(fieldError(error, 'password'))} maw={420} autoComplete="off" />
                  <Text size="xs" c="dimmed">
                    Tệp và mật khẩu chỉ dùng cho lượt ký này, không được lưu trên máy chủ.
                  </Text>
                </>
              )}
              {activeMethod === 'remote' && (
                <TextInput label="Mã chứng thư số trên dịch vụ ký số từ xa" description="Một yêu cầu ký cho cả lượt: thầy/cô xác nhận một lần trên điện thoại." value={credentialId} onChange={(e) => setCredentialId(e.currentTarget.value)} maw={420} />
              )}
              <ErrorAlert error={error} title="Chưa ký được văn bản nào" />
              <Group>
                <Button onClick={() => void run()} loading={running} disabled={!ready.length || !signerReady} data-testid="batch-sign">
                  {role === 'seal' ? `Đóng dấu số ${ready.length} văn bản` : `Ký số ${ready.length} văn bản`}
                </Button>
              </Group>
            </Stack>
          </Paper>

        </Stack>
      )}
      {progress && (
        <Stack gap={4} mt="md" data-testid="batch-progress">
          <Progress value={progress.total ? (progress.done / progress.total) * 100 : 0} animated={running} size="lg" />
          <Text size="sm">
            {running ? 'Đang ký' : 'Đã xong'}: {progress.done}/{progress.total} văn bản
          </Text>
        </Stack>
      )}
      {result && <BatchResults result={result} />}
    </>
  );
}

function BatchResults({ result }: { result: BatchResult & { role: BatchRole } }) {
  return (
    <Paper withBorder p="md" radius="md" mt="md" data-testid="batch-results">
      <Stack gap="xs">
        <Alert
          color={result.failed.length ? 'orange' : 'green'}
          title={`Bước ${SIGNER_ROLE_LABELS[result.role]}: đã ký ${result.signed.length} văn bản${result.failed.length ? `; ${result.failed.length} văn bản chưa ký được` : ''}`}
        >
          {result.failed.length ? 'Các văn bản chưa ký được giữ nguyên như trước, có thể ký lại sau khi xử lý lý do bên dưới.' : 'Mọi văn bản đã chọn đều đã được ký.'}
        </Alert>
        {result.failed.map((f) => (
          <Text key={f.documentId} size="sm" c="red.8" data-testid="batch-failed">
            ✗ {f.title ?? f.documentId}: {f.message}
          </Text>
        ))}
        {result.signed.map((s) => (
          <Text key={s.documentId} size="sm" c="teal.8" data-testid="batch-signed">
            ✓ {s.title ?? s.documentId}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}
