/**
 * GitHub-flavoured Markdown building blocks for the report: tables, inline code and the number
 * formats every section shares, so figures read the same everywhere (4,091, not 4091; $43.07).
 */

/** Column alignment: left for names, right for numbers. */
export type Align = 'left' | 'right';

/** Escapes what would break a table cell: pipes and line breaks. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** Inline code that survives backticks inside the text. */
export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A table; `align` defaults to left for every column. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string {
  const rule = header.map((_, i) => (align[i] === 'right' ? '---:' : '---'));
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), `| ${rule.join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** A fenced block. */
export function fence(language: string, body: string): string {
  return `\`\`\`${language}\n${body.replace(/\n$/, '')}\n\`\`\``;
}

/** Integers with thousands separators: 4,091. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** US dollars with cents and separators: $1,234.50. */
export function usd(n: number): string {
  return `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** A unit price as listed, without rounding away its precision: $0.0225, $0.5. */
export function rate(n: number): string {
  return `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 6 })}`;
}

/** Plural-aware count: `1 spoke`, `2 spokes`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${count(n)} ${n === 1 ? word : many}`;
}

/** A list joined for prose: `a`, `a and b`, `a, b and c`. */
export function prose(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
