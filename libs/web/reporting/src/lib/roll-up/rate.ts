/** "37.50" → "37.50%"; no target → "—". */
export function percent(rate: string | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${rate}%`;
}
