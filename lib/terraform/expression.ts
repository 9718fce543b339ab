/**
 * The syntax of synthesized Terraform JSON strings: literal text, `${...}` interpolations and
 * `%{...}` directives (with the `$${` / `%%{` escapes), and the traversals (`aws_vpc.x.id`,
 * `data.terraform_remote_state.hub.outputs.ids["a.b"]`) inside interpolations. Pure syntax: what the
 * names mean is analysis/graph/resolve.ts's business. The one parser of this syntax: `lz check`, the
 * report and `npm run verify` all read references through it.
 * https://developer.hashicorp.com/terraform/language/syntax/json#expression-mapping
 */

/** One piece of a scanned string: literal text (escapes already undone) or an interpolation. */
export type TemplatePart = string | { readonly expr: string; readonly directive: boolean };

/** One step of a traversal: `.name` / the root name, or an index `[0]` / `["key"]`. */
export type TraversalStep = { readonly attr: string } | { readonly index: number | string };

/**
 * Splits a string into literal text and interpolations, or returns undefined when it holds none (the
 * fast path for the vast majority of strings). Literal parts have `$${` and `%%{` unescaped, since
 * that is the value Terraform passes on. An unterminated `${` is kept as literal text.
 */
export function scanTemplate(s: string): TemplatePart[] | undefined {
  if (!s.includes('{')) return undefined;
  const parts: TemplatePart[] = [];
  let literal = '';
  let from = 0;
  let found = false;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s[i];
    if ((c !== '$' && c !== '%') || (s[i + 1] !== '{' && !(s[i + 1] === c && s[i + 2] === '{'))) continue;
    if (s[i + 1] === c) {
      // `$${` is a literal `${` (and `%%{` a literal `%{`).
      literal += s.slice(from, i) + c + '{';
      from = i + 3;
      i += 2;
      continue;
    }
    const close = closingBrace(s, i + 2);
    if (close < 0) break;
    found = true;
    literal += s.slice(from, i);
    if (literal) parts.push(literal);
    literal = '';
    parts.push({ expr: s.slice(i + 2, close), directive: c === '%' });
    from = close + 1;
    i = close;
  }
  if (!found) return undefined;
  literal += s.slice(from);
  if (literal) parts.push(literal);
  return parts;
}

/** `$${` and `%%{` unescaped: the value of a string that holds no interpolation. */
export function unescapeLiteral(s: string): string {
  return s.includes('{') ? s.replace(/([$%])\1\{/g, '$1{') : s;
}

/** Index of the `}` closing an interpolation opened before `from`, skipping nested brackets and string literals; -1 if none. */
function closingBrace(s: string, from: number): number {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      i = stringEnd(s, i);
      if (i < 0) return -1;
    } else if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') {
      if (depth === 0) return c === '}' ? i : -1;
      depth--;
    }
  }
  return -1;
}

/** Index of the quote closing the string literal that opens at `open`; -1 if unterminated. */
function stringEnd(s: string, open: number): number {
  for (let i = open + 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '"') return i;
  }
  return -1;
}

const IDENT = /[A-Za-z_][\w-]*/y;
const DIGITS = /\d+/y;

/**
 * Parses an expression that is nothing but a traversal (`a.b.c[0]["k"]`), or returns undefined (a
 * function call, an operator, a splat, a literal...). Legacy `.0` index steps become indexes.
 */
export function parseTraversal(expression: string): TraversalStep[] | undefined {
  const s = expression.trim();
  const steps: TraversalStep[] = [];
  let i = 0;
  const ident = (): string | undefined => {
    IDENT.lastIndex = i;
    const m = IDENT.exec(s);
    if (!m) return undefined;
    i += m[0].length;
    return m[0];
  };
  const root = ident();
  if (root === undefined) return undefined;
  steps.push({ attr: root });
  while (i < s.length) {
    if (s[i] === '.') {
      i++;
      DIGITS.lastIndex = i;
      const digits = DIGITS.exec(s);
      if (digits) {
        i += digits[0].length;
        steps.push({ index: Number(digits[0]) });
        continue;
      }
      const name = ident();
      if (name === undefined) return undefined;
      steps.push({ attr: name });
    } else if (s[i] === '[') {
      const close = s[i + 1] === '"' ? stringEnd(s, i + 1) + 1 : s.indexOf(']', i);
      if (close <= 0 || s[close] !== ']') return undefined;
      const inner = s.slice(i + 1, close).trim();
      if (/^\d+$/.test(inner)) steps.push({ index: Number(inner) });
      else if (inner.startsWith('"')) steps.push({ index: JSON.parse(inner) as string });
      else return undefined;
      i = close + 1;
    } else return undefined;
  }
  return steps;
}

/** The steps as Terraform writes them: `a.b[0]["k"]` (a leading `.` is dropped). */
export function formatSteps(steps: readonly TraversalStep[]): string {
  let out = '';
  for (const step of steps) {
    if ('attr' in step) out += out ? `.${step.attr}` : step.attr;
    else out += typeof step.index === 'number' ? `[${step.index}]` : `[${JSON.stringify(step.index)}]`;
  }
  return out;
}

/** Name of the function an expression calls at its top level (`tolist(x)` gives `tolist`), if it is a call. */
export function calledFunction(expression: string): string | undefined {
  const m = /^\s*([A-Za-z_][\w:]*)\s*\(/.exec(expression);
  return m?.[1];
}

const TRAVERSAL_CANDIDATE = /(?<![\w.\-"])[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\.\d+|\[\d+\]|\["(?:[^"\\]|\\.)*"\])+/g;

/** Every traversal that appears in a complex expression (string literals skipped), e.g. the arguments of a call. */
export function traversalsIn(expression: string): string[] {
  const code = expression.replace(/"(?:[^"\\]|\\.)*"/g, (lit, offset: number, whole: string) => (whole[offset - 1] === '[' ? lit : '""'));
  return code.match(TRAVERSAL_CANDIDATE) ?? [];
}

/**
 * The key of a terraform_data `output` traversal (`output.key` or `output["key"]`), whose value is
 * the same key of the resource's `input` after apply; undefined for any other attribute.
 * https://developer.hashicorp.com/terraform/language/resources/terraform-data
 */
export function terraformDataOutputKey(attribute: string): string | undefined {
  const m = /^output(?:\.([\w-]+)|\["([^"]+)"\])$/.exec(attribute);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** A string that is one reference to a resource or data source attribute (`${aws_vpc.app.id}`, `${data.aws_x.y.arn}`). */
export interface ResourceReference {
  readonly mode: 'managed' | 'data';
  /** Resource type, `aws_vpc`. */
  readonly type: string;
  /** Resource name (cdktf's logical id), `app-vpc_8A0156E4`. */
  readonly name: string;
  /** What follows the address, as Terraform writes it: `id`, `outputs.ids["prod"]`, `output.vif_id`. */
  readonly attribute: string;
}

/**
 * Parses a string that is nothing but one interpolated resource or data-source reference; undefined
 * for literals, templates that mix text in, function calls and references to `var`, `local`,
 * `module` and the like (resource types always carry their provider's prefix and an underscore).
 */
export function parseReference(value: unknown): ResourceReference | undefined {
  if (typeof value !== 'string') return undefined;
  const parts = scanTemplate(value);
  const only = parts?.length === 1 ? parts[0] : undefined;
  if (only === undefined || typeof only === 'string' || only.directive) return undefined;
  const steps = parseTraversal(only.expr);
  if (!steps) return undefined;
  const data = 'attr' in steps[0] && steps[0].attr === 'data';
  const [type, name, ...rest] = data ? steps.slice(1) : steps;
  if (!type || !name || !('attr' in type) || !('attr' in name) || rest.length === 0 || !type.attr.includes('_')) return undefined;
  return { mode: data ? 'data' : 'managed', type: type.attr, name: name.attr, attribute: formatSteps(rest) };
}
