// Apart from duration.ts, which the validator shares with extras.js: this is for decision
// details only, and stays out of the chunk a first visit fetches before its first banner.

/** A span of time as people say it: "12 minutes", "1 hour", "3 days". */
export function describeSpan(ms: number): string {
  const units: [string, number][] = [['day', 864e5], ['hour', 36e5], ['minute', 6e4], ['second', 1e3]];
  for (const [name, size] of units) {
    const n = Math.floor(ms / size);
    if (n >= 1) return `${n} ${name}${n === 1 ? '' : 's'}`;
  }
  return 'less than a second';
}
