/** "Biểu đồ kết quả" — the way from a class's pages to its dashboard, for those who may see its results (TT 22 classes only). */
import { Button } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { setupApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import { useSession } from '../../app/session.tsx';

export function ClassDashboardLink({ classId, grade, scope = 'term1' }: { classId: string; grade: number | undefined; scope?: string }) {
  const { me, can, yearId } = useSession();
  const setup = useQuery({ queryKey: keys.year(yearId ?? ''), queryFn: () => setupApi.year(yearId as string), enabled: Boolean(yearId) });
  const regime = setup.data?.gradeLevels.find((g) => g.grade === grade)?.regime;
  if (regime !== 'TT22_2021') return null;
  if (!can('results.view') && !me.homeroomClassIds.includes(classId)) return null;
  return (
    <Button component={Link} href={`/bieu-do/${classId}/${scope === 'final' ? 'year' : scope}`} variant="light">
      Biểu đồ kết quả
    </Button>
  );
}
