/**
 * Money is exact: the API sends yuan as decimal strings ("1234.56"); the site converts them to
 * integer fen (BigInt), adds in fen and prints with two decimals. No float ever holds an amount
 * (charts get a float in 万元 for drawing only).
 */
export function toFen(yuan: string): bigint {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(yuan);
  if (!match) throw new Error(`Not a Money value with two decimals: ${yuan}`);
  const fen = BigInt(match[2]!) * 100n + BigInt(match[3]!);
  return match[1] ? -fen : fen;
}

/** "1234.56": the form of the downloads (no thousands separator). */
export function fenToYuan(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

const groups = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** "1,234.56": the form of the pages. */
export function displayYuan(fen: bigint): string {
  const plain = fenToYuan(fen);
  const [int, dec] = plain.replace('-', '').split('.') as [string, string];
  return `${fen < 0n ? '-' : ''}${groups(int)}.${dec}`;
}

export function displayInt(n: number): string {
  return `${n < 0 ? '-' : ''}${groups(String(Math.abs(n)))}`;
}

/**
 * "34,035.04": fen as 万元 with two decimals and separators, rounded half up in integer fen — the
 * form of headlines (tables and files keep exact 元).
 */
export function displayWan(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const hundredths = (abs + 5_000n) / 10_000n;
  return `${negative ? '-' : ''}${groups(String(hundredths / 100n))}.${String(hundredths % 100n).padStart(2, '0')}`;
}

/** 万元 with two decimals, for chart axes and labels only. */
export function fenToWan(fen: bigint): number {
  return Number(fen) / 1_000_000;
}
