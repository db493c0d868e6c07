/** The testing plan's endpoints (G10), for this feature's page. */
import { http, query } from '../../api/client.ts';
import type { TestingPlan, TestingPlanChange, TestingPlanInputEntry } from '../../../shared/testing-plan.ts';

export const testingPlanApi = {
  plan: (yearId: string, termNo: number | null) => http.get<TestingPlan>(`/years/${yearId}/testing-plan${query({ termNo })}`),
  set: (yearId: string, entries: TestingPlanInputEntry[]) => http.put<TestingPlanChange>(`/years/${yearId}/testing-plan`, { entries }),
  import: (yearId: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return http.post<TestingPlanChange>(`/years/${yearId}/testing-plan/import`, form);
  },
  delete: (yearId: string, entryId: string) => http.post<{ ok: true }>(`/years/${yearId}/testing-plan/${entryId}/deletion`),
  templateUrl: (yearId: string) => `/api/v1/years/${yearId}/testing-plan/template.xlsx`,
};

export const testingPlanKey = (yearId: string, termNo: number | null) => ['testing-plan', yearId, termNo] as const;
