/** Labels of the dashboards (the bands match SCORE_BANDS in src/shared/dashboard.ts; type-only import keeps zod out of the bundle). */
import type { ScoreBandKey } from '../../../shared/dashboard.ts';
import type { DashboardScope } from '../../api/types.ts';

export const DASHBOARD_SCOPES: DashboardScope[] = ['term1', 'term2', 'year'];
export const BAND_KEYS: ScoreBandKey[] = ['lt35', 'from35', 'from50', 'from65', 'from80'];
export const BAND_LABELS: Record<ScoreBandKey, string> = {
  lt35: 'Dưới 3,5',
  from35: '3,5 – dưới 5',
  from50: '5 – dưới 6,5',
  from65: '6,5 – dưới 8',
  from80: 'Từ 8 trở lên',
};
