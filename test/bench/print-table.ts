/** Prints a Markdown table, so a run's figures can be pasted into an issue as they are. */
export function printTable(header: string[], rows: (string | number)[][]): void {
  console.log(`\n| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---|').join('')}`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}
