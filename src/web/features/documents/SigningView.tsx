/**
 * "Ký số" (P5): the documents waiting for the user's signature, every stored document the
 * user may see (by kind), newest first, and the school's seal certificate (SealPanel).
 */
import { Button, Group, Select, Tabs, TextInput } from '@mantine/core';
import { Link } from 'wouter';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { documentsApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { DocumentList } from './DocumentList.tsx';
import { SealPanel } from './SealPanel.tsx';

const KIND_FILTER = [
  { value: '', label: 'Mọi loại văn bản' },
  { value: 'transcript', label: 'Học bạ' },
  { value: 'class_book', label: 'Sổ theo dõi và đánh giá học sinh' },
  { value: 'confirmation_sheet', label: 'Bảng xác nhận kết quả' },
  { value: 'report_book', label: 'Sổ liên lạc' },
  { value: 'primary_summary', label: 'Bảng tổng hợp kết quả đánh giá giáo dục' },
  { value: 'edit_log', label: 'Nhật kí sửa điểm' },
  { value: 'correction_request', label: 'Giấy đề nghị thay đổi thông tin' },
  { value: 'archive_manifest', label: 'Danh mục hồ sơ lưu trữ' },
];

export function SigningView() {
  const { schoolId, can } = useSession();
  const [tab, setTab] = useState<string | null>('mine');
  const [kind, setKind] = useState('');
  const [search, setSearch] = useState('');
  const mine = useQuery({ queryKey: keys.documents(schoolId, { awaiting: 'me' }), queryFn: () => documentsApi.list(schoolId, { awaiting: 'me' }) });
  const all = useQuery({
    queryKey: keys.documents(schoolId, { kind }),
    queryFn: () => documentsApi.list(schoolId, { kind: kind || undefined }),
    enabled: tab === 'all',
  });
  const needle = search.trim().toLocaleLowerCase('vi');
  const filter = <T extends { title: string }>(rows: T[] | undefined) => (rows ?? []).filter((d) => !needle || d.title.toLocaleLowerCase('vi').includes(needle));

  return (
    <>
      <PageHeader
        title="Ký số"
        subtitle="Học bạ được ký theo thứ tự: giáo viên chủ nhiệm → Hiệu trưởng → con dấu số của nhà trường. Người ký xem văn bản trước khi ký."
        actions={
          mine.data?.length ? (
            <Button component={Link} href="/ky-so/hang-loat" data-testid="open-batch">
              Ký hàng loạt ({mine.data.length})
            </Button>
          ) : undefined
        }
      />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="mine">Chờ tôi ký{mine.data ? ` (${mine.data.length})` : ''}</Tabs.Tab>
          <Tabs.Tab value="all">Tất cả văn bản</Tabs.Tab>
          {can('document.view') && <Tabs.Tab value="seal">Con dấu số của nhà trường</Tabs.Tab>}
        </Tabs.List>
        <Group gap="sm" mb="md" align="flex-end" display={tab === 'seal' ? 'none' : undefined}>
          <TextInput label="Tìm theo tên văn bản" placeholder="Ví dụ: Nguyễn Văn An" value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={280} maw="100%" />
          {tab === 'all' && <Select label="Loại văn bản" data={KIND_FILTER} value={kind} onChange={(v) => setKind(v ?? '')} allowDeselect={false} w={320} maw="100%" />}
        </Group>
        <Tabs.Panel value="mine">
          {mine.isLoading && <Loading />}
          <ErrorAlert error={mine.error} onRetry={() => mine.refetch()} />
          {mine.data && <DocumentList documents={filter(mine.data)} empty="Không có văn bản nào đang chờ thầy/cô ký." />}
        </Tabs.Panel>
        <Tabs.Panel value="all">
          {all.isLoading && <Loading />}
          <ErrorAlert error={all.error} onRetry={() => all.refetch()} />
          {all.data && <DocumentList documents={filter(all.data)} empty="Chưa có văn bản nào được in và lưu." />}
        </Tabs.Panel>
        <Tabs.Panel value="seal">
          <SealPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
