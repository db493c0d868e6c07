/**
 * Sổ tổng hợp kết quả đánh giá giáo dục (G8, TT 27/2020 Điều 9): per class and point, each
 * student's subject levels (T / H / C) and periodic test scores from the grade book, the qualities
 * and competences, and at the end of the year the level, the award and the completion of the
 * grade's programme, computed by the rules; what is still missing; the approval of each point.
 */
import { Alert, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { primaryApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { PrimaryPoint, PrimarySummary } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../../components/Page.tsx';
import { PERIODIC_TEST_SCORE, TT27_AWARD_NAMES, TT27_SUBJECT_LEVEL_NAMES, TT27_YEAR_LEVEL_NAMES, primaryPointLabel } from '../../../shared/labels.ts';
import { ClassSelect, percentLabel, pickClass, useClassChoices } from '../homeroom/common.tsx';
import { subjectShort } from '../homeroom/ResultsView.tsx';
import { PrimaryApprovalPanel } from './PrimaryApprovalPanel.tsx';
import { PointControl, traitAbbr, usePrimaryPoint } from './PrimaryAssessmentView.tsx';
import { StudentName } from '../homeroom/StudentName.tsx';

const QUALITY_NAMES = ['Yêu nước', 'Nhân ái', 'Chăm chỉ', 'Trung thực', 'Trách nhiệm'];
const COMPETENCE_NAMES = ['Tự chủ và tự học', 'Giao tiếp và hợp tác', 'Giải quyết vấn đề và sáng tạo', 'Ngôn ngữ', 'Tính toán', 'Khoa học', 'Công nghệ', 'Tin học', 'Thẩm mĩ', 'Thể chất'];
const YEAR_LEVEL_COLORS: Record<string, string> = { HTXS: 'grape', HTT: 'teal', HT: 'blue', CHT: 'red' };

export function PrimarySummaryView({ yearId, classId }: { yearId: string; classId: string | null }) {
  const { me } = useSession();
  const { choices, loading, error } = useClassChoices(yearId, { wideAbility: 'results.view', regime: 'TT27' });
  const chosen = pickClass(classId, choices, me.homeroomClassIds);
  const cls = choices.find((c) => c.id === chosen);
  const [point, setPoint] = usePrimaryPoint(yearId);
  return (
    <>
      <PageHeader
        title={cls ? `Sổ tổng hợp kết quả đánh giá giáo dục — Lớp ${cls.name}` : 'Sổ tổng hợp kết quả đánh giá giáo dục'}
        subtitle="Mức đạt được và điểm kiểm tra định kỳ lấy từ sổ điểm các môn; phẩm chất, năng lực do giáo viên chủ nhiệm đánh giá (Thông tư 27/2020, Điều 9)."
      />
      <ClassSelect base="/so-tong-hop" choices={choices} value={chosen}>
        {point && <PointControl value={point} onChange={setPoint} />}
      </ClassSelect>
      {(loading || !point) && <Loading />}
      {error ? <ErrorAlert error={error} /> : null}
      {!chosen && !loading && <Text c="dimmed">{choices.length ? 'Chọn một lớp.' : 'Không có lớp tiểu học nào thầy/cô được xem.'}</Text>}
      {chosen && <PrimaryApprovalPanel key={chosen} classId={chosen} />}
      {chosen && point && <SummaryBook key={`${chosen}/${point}`} classId={chosen} point={point} />}
    </>
  );
}

function SummaryBook({ classId, point }: { classId: string; point: PrimaryPoint }) {
  const q = useQuery({ queryKey: keys.primarySummary(classId, point), queryFn: () => primaryApi.summary(classId, point), staleTime: 0 });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  const data = q.data as PrimarySummary;
  const cn = point === 'CN';
  // Mid-term: a test column only where the point has a test (grades 4–5 Tiếng Việt, Toán: a score entered or asked for).
  const showTests = point === 'CK1' || point === 'CN' || data.rows.some((r) => r.subjects.some((s) => s.test !== null) || r.missing.some((m) => m.endsWith(`: ${PERIODIC_TEST_SCORE}`)));
  const tested = data.subjects.filter((s) => s.hasTest && showTests);
  const missing = data.rows.filter((r) => r.missing.length > 0);
  const total = data.rows.length;
  const levelCounts = (['HTXS', 'HTT', 'HT', 'CHT'] as const).map((l) => ({ l, n: data.rows.filter((r) => r.yearLevel === l).length }));

  return (
    <Stack gap="md">
      <Group gap="xs">
        <Text fw={600}>{primaryPointLabel(point, 'kỳ')}</Text>
        {missing.length ? (
          <Badge color="orange" variant="light">
            {missing.length} học sinh còn thiếu dữ liệu
          </Badge>
        ) : (
          <Badge color="teal" variant="light">
            Đủ dữ liệu
          </Badge>
        )}
      </Group>
      {missing.length > 0 && (
        <Alert color="orange" title="Còn thiếu" data-testid="primary-missing">
          {missing.slice(0, 8).map((r) => (
            <Text key={r.studentId} size="sm">
              <b>
                {r.listNumber}. {r.fullName}:
              </b>{' '}
              {r.missing.map((m) => m.replace(`${primaryPointLabel(point, 'kỳ')} — `, '')).join('; ')}
            </Text>
          ))}
          {missing.length > 8 && <Text size="sm">… và {missing.length - 8} học sinh khác.</Text>}
        </Alert>
      )}
      <div className="kg-scroll">
        <Table withTableBorder withColumnBorders verticalSpacing={2} horizontalSpacing={4} fz="xs" className="kg-table" data-testid="primary-summary">
          <Table.Thead>
            <Table.Tr>
              <Table.Th rowSpan={2}>STT</Table.Th>
              <Table.Th rowSpan={2} className="kg-name">
                Họ và tên
              </Table.Th>
              <Table.Th colSpan={data.subjects.length + tested.length} ta="center">
                Môn học và hoạt động giáo dục (mức đạt được; điểm KTĐK)
              </Table.Th>
              <Table.Th colSpan={5} ta="center">
                Phẩm chất
              </Table.Th>
              <Table.Th colSpan={10} ta="center">
                Năng lực
              </Table.Th>
              {cn && (
                <>
                  <Table.Th rowSpan={2} ta="center">
                    Đánh giá
                  </Table.Th>
                  <Table.Th rowSpan={2} ta="center">
                    Khen thưởng
                  </Table.Th>
                  <Table.Th rowSpan={2} ta="center" title="Hoàn thành chương trình lớp học">
                    HTCT lớp học
                  </Table.Th>
                </>
              )}
            </Table.Tr>
            <Table.Tr>
              {data.subjects.flatMap((s) => [
                <Table.Th key={s.id} ta="center" title={s.name}>
                  {s.name.length > 10 ? subjectShort(s.code) : s.name}
                </Table.Th>,
                ...(s.hasTest && showTests
                  ? [
                      <Table.Th key={`${s.id}-t`} ta="center" title={`Điểm kiểm tra định kỳ ${s.name}`}>
                        KT
                      </Table.Th>,
                    ]
                  : []),
              ])}
              {QUALITY_NAMES.map((n) => (
                <Table.Th key={n} ta="center" title={n}>
                  {traitAbbr(n)}
                </Table.Th>
              ))}
              {COMPETENCE_NAMES.map((n) => (
                <Table.Th key={n} ta="center" title={n}>
                  {traitAbbr(n)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.rows.map((r) => (
              <Table.Tr key={r.studentId} data-student={r.fullName}>
                <Table.Td>{r.listNumber}</Table.Td>
                <Table.Td className="kg-name">
                  <StudentName fullName={r.fullName} />
                </Table.Td>
                {data.subjects.flatMap((s) => {
                  const x = r.subjects.find((y) => y.subjectId === s.id);
                  return [
                    <Table.Td key={s.id} ta="center" fw={600} c={x?.level === 'C' ? 'red.8' : undefined} title={x?.level ? TT27_SUBJECT_LEVEL_NAMES[x.level] : undefined}>
                      {x?.level ?? ''}
                    </Table.Td>,
                    ...(s.hasTest && showTests
                      ? [
                          <Table.Td key={`${s.id}-t`} ta="center" className="tabular">
                            {x?.test ?? ''}
                          </Table.Td>,
                        ]
                      : []),
                  ];
                })}
                {[...r.qualities, ...r.competences].map((t, i) => (
                  <Table.Td key={i} ta="center" c={t === 'C' ? 'red.8' : undefined}>
                    {t ?? ''}
                  </Table.Td>
                ))}
                {cn && (
                  <>
                    <Table.Td ta="center" data-testid="year-level" fw={700} c={r.yearLevel ? `${YEAR_LEVEL_COLORS[r.yearLevel]}.8` : undefined} title={r.yearLevel ? TT27_YEAR_LEVEL_NAMES[r.yearLevel] : undefined}>
                      {r.yearLevel ?? ''}
                    </Table.Td>
                    <Table.Td ta="center" className="nowrap" title={r.award ? TT27_AWARD_NAMES[r.award] : undefined}>
                      {r.award === 'XS' ? 'HS Xuất sắc' : r.award === 'TB' ? 'HS Tiêu biểu' : ''}
                    </Table.Td>
                    <Table.Td ta="center" className="nowrap">
                      {r.completed === null ? '' : r.completed ? 'Hoàn thành' : 'Chưa hoàn thành'}
                    </Table.Td>
                  </>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      {cn && (
        <Stack gap={4}>
          <Title order={2} size="h5">
            Tổng hợp cuối năm (sĩ số {total})
          </Title>
          <Table withTableBorder withColumnBorders fz="sm" verticalSpacing={2} maw={520} data-testid="primary-year-summary">
            <Table.Tbody>
              {levelCounts.map(({ l, n }) => (
                <Table.Tr key={l}>
                  <Table.Td>{TT27_YEAR_LEVEL_NAMES[l]}</Table.Td>
                  <Table.Td ta="center" className="tabular">
                    {n}
                  </Table.Td>
                  <Table.Td ta="center" className="tabular">
                    {percentLabel(total ? Math.round((n * 1000) / total) : 0)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} mt="xs" data-testid="primary-year-lists">
            {[
              ...(['HTXS', 'HTT', 'HT', 'CHT'] as const).map((l) => ({ key: l, title: `${TT27_YEAR_LEVEL_NAMES[l]} (${l})`, rows: data.rows.filter((r) => r.yearLevel === l) })),
              { key: 'XS', title: `Khen thưởng: ${TT27_AWARD_NAMES.XS}`, rows: data.rows.filter((r) => r.award === 'XS') },
              { key: 'TB', title: `Khen thưởng: ${TT27_AWARD_NAMES.TB}`, rows: data.rows.filter((r) => r.award === 'TB') },
            ].map((g) => (
              <Card key={g.key} withBorder padding="xs">
                <Text size="sm" fw={600}>
                  {g.title}: {g.rows.length}
                </Text>
                <Text size="xs" c={g.rows.length ? undefined : 'dimmed'}>
                  {g.rows.length ? g.rows.map((r) => `${r.listNumber}. ${r.fullName}`).join('; ') : 'Không có.'}
                </Text>
              </Card>
            ))}
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            HTXS = Hoàn thành xuất sắc, HTT = Hoàn thành tốt, HT = Hoàn thành, CHT = Chưa hoàn thành. Mức: T = Hoàn thành tốt / Tốt, H = Hoàn thành, Đ = Đạt, C = Chưa hoàn thành / Cần cố gắng.
          </Text>
        </Stack>
      )}
    </Stack>
  );
}
