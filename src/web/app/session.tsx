/**
 * Who is using the app and where: the user (from /auth/me), the school they work in, the school
 * year they look at (kept in this browser), and what their abilities allow.
 */
import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { setupApi } from '../api/endpoints.ts';
import { keys } from '../api/keys.ts';
import type { Ability, Me, SchoolYear } from '../api/types.ts';
import { followServerClock, todayIso } from '../lib/format.ts';

export interface Session {
  me: Me;
  school: Me['schools'][number] | null;
  schoolId: string;
  setSchoolId(id: string): void;
  years: SchoolYear[];
  yearsLoading: boolean;
  year: SchoolYear | null;
  yearId: string | null;
  setYearId(id: string): void;
  /** Whether the server allows this action in the current school. */
  can(action: Ability): boolean;
  /** "Ban quản trị phần mềm, Giáo viên". */
  roleLabel: string;
}

const SessionContext = createContext<Session | null>(null);

const storage = {
  get(key: string): string | null {
    try {
      return window.localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key: string, value: string): void {
    try {
      window.localStorage.setItem(key, value);
    } catch {
      /* private mode: keep it in memory only */
    }
  },
};

/** The school and school year this device last worked in, if any. */
export function savedSchoolAndYear(): { schoolId: string | null; yearId: string | null } {
  const schoolId = storage.get('sodiem.school');
  return { schoolId, yearId: schoolId ? storage.get(`sodiem.year.${schoolId}`) : null };
}

/** The year that contains today, else the latest one. */
export function defaultYear(years: SchoolYear[]): SchoolYear | null {
  const today = todayIso();
  const current = years.find((y) => y.startsOn <= today && today <= y.endsOn);
  if (current) return current;
  return [...years].sort((a, b) => b.startYear - a.startYear)[0] ?? null;
}

export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  // One clock: "today" in the app is the server's (a demo started at a date, a device set wrong).
  followServerClock(me.now);
  const [schoolId, setSchoolIdState] = useState<string>(() => {
    const saved = storage.get('sodiem.school');
    const id = me.schools.find((s) => s.id === saved)?.id ?? me.schools[0]?.id ?? '';
    // Remembered so that the next start can ask for the school's data at once (warmStart).
    if (id && id !== saved) storage.set('sodiem.school', id);
    return id;
  });
  const school = me.schools.find((s) => s.id === schoolId) ?? null;
  const canViewSchool = me.abilities[schoolId]?.['school.view'] === true;

  const yearsQuery = useQuery({
    queryKey: keys.years(schoolId),
    queryFn: () => setupApi.years(schoolId),
    enabled: Boolean(schoolId) && canViewSchool,
  });
  const years = useMemo(() => [...(yearsQuery.data ?? [])].sort((a, b) => b.startYear - a.startYear), [yearsQuery.data]);

  const [yearId, setYearIdState] = useState<string | null>(() => storage.get(`sodiem.year.${schoolId}`));
  useEffect(() => {
    if (!years.length) return;
    if (!yearId || !years.some((y) => y.id === yearId)) {
      const id = defaultYear(years)?.id ?? null;
      if (id) storage.set(`sodiem.year.${schoolId}`, id);
      setYearIdState(id);
    }
  }, [years, yearId, schoolId]);

  const value = useMemo<Session>(() => {
    const year = years.find((y) => y.id === yearId) ?? null;
    const labels = [...new Set(me.grants.filter((g) => g.schoolId === schoolId || g.schoolId === null).map((g) => g.roleLabel))];
    if (me.homeroomClassIds.length) labels.push('Giáo viên chủ nhiệm');
    return {
      me,
      school,
      schoolId,
      setSchoolId(id) {
        storage.set('sodiem.school', id);
        setSchoolIdState(id);
        setYearIdState(storage.get(`sodiem.year.${id}`));
      },
      years,
      yearsLoading: yearsQuery.isLoading,
      year,
      yearId: year?.id ?? null,
      setYearId(id) {
        storage.set(`sodiem.year.${schoolId}`, id);
        setYearIdState(id);
      },
      can: (action) => me.abilities[schoolId]?.[action] === true,
      roleLabel: labels.join(', '),
    };
  }, [me, school, schoolId, years, yearId, yearsQuery.isLoading]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
