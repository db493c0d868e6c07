/** The school year (its first calendar year) that contains a day (yyyy-mm-dd): years begin on 1 September. */
export function schoolYearContaining(day: string): number {
  const y = Number(day.slice(0, 4));
  return Number(day.slice(5, 7)) >= 9 ? y : y - 1;
}
