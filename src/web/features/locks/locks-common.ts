/** What the locks page's parts share: the points, the column keys, the order field's words, whether the user is the principal. */
import { useSession } from '../../app/session.tsx';
import type { WindowPoint } from '../../api/types.ts';
import { columnName } from '../../../shared/labels.ts';

export const POINTS: WindowPoint[] = ['term1.midterm', 'term1.endOfTerm', 'term2.midterm', 'term2.endOfTerm', 'wholeYear'];
export const COLUMN_KEYS = [
  ...['TX1', 'TX2', 'TX3', 'TX4', 'TX5', 'GK', 'CK', 'NX'].map((value) => ({ value, label: columnName(value) })),
  { value: 'MUC_GK', label: 'Mức đạt được giữa kỳ (tiểu học)' },
  { value: 'KT_GK', label: 'Điểm KTĐK giữa kỳ (tiểu học)' },
  { value: 'MUC_CK', label: 'Mức đạt được cuối kỳ (tiểu học)' },
  { value: 'KT_CK', label: 'Điểm KTĐK cuối kỳ (tiểu học)' },
];
export const ORDER_LABEL = 'Theo lệnh của Hiệu trưởng';
export const ORDER_PLACEHOLDER = 'Theo lệnh của Hiệu trưởng ngày 05/12/2026';

export function useIsPrincipal(): boolean {
  const { me, schoolId } = useSession();
  return me.grants.some((g) => g.role === 'principal' && g.schoolId === schoolId);
}
