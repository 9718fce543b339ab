/** Renders JSON-like values as HCL expressions for generated `.tftest.hcl` files. */

/** HCL keywords that must not be bare object keys. */
const KEYWORDS = new Set(['true', 'false', 'null', 'for', 'in', 'if']);

/** A quoted HCL string: JSON escapes (HCL accepts the same), plus `${`/`%{` escaped so nothing is interpolated. */
export function hclString(s: string): string {
  // Function replacers: in a replacement string `$$` would itself collapse to `$`.
  return JSON.stringify(s).replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** An object key: bare when it is an identifier, quoted otherwise. */
export function hclKey(k: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) && !KEYWORDS.has(k) ? k : hclString(k);
}

/** `value` as an HCL expression, objects and lists spread over lines at `indent`. */
export function hclValue(value: unknown, indent = ''): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return hclString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => v === null || typeof v !== 'object')) return `[${value.map((v) => hclValue(v)).join(', ')}]`;
    return `[\n${value.map((v) => `${inner}${hclValue(v, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${hclKey(k)} = ${hclValue(v, inner)}`).join('\n')}\n${indent}}`;
}
