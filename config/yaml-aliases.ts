/**
 * Explains why `yaml` refused to turn a parsed document into data. Its `toJS` throws a bare
 * ReferenceError for an alias to an undefined anchor and for an alias bomb ("billion laughs": each
 * level repeats the previous one, 10^n values from a few lines); this finds the alias to blame so
 * the loader can report it at file:line:col like any other problem.
 * https://eemeli.org/yaml/#tojs-options (maxAliasCount)
 */
import { Alias, Document, isAlias, isCollection, isDocument, isPair, isScalar, isSeq, Node, Pair, visit } from 'yaml';
import { ConfigIssue, ConfigPath } from './issues';

/** An issue with the document offset it belongs at (the loader turns it into line and column). */
export interface YamlDataIssue extends ConfigIssue {
  readonly offset: number;
}

interface AliasUse {
  readonly alias: Alias;
  readonly path: ConfigPath;
  /** The anchored node it stands for: the last one of that name before it, as YAML defines. */
  readonly target: Node | undefined;
}

/** The config path of a node from `visit`'s ancestry: map keys by name, list items by index. */
function pathOf(ancestry: readonly unknown[], node: unknown): ConfigPath {
  const out: (string | number)[] = [];
  ancestry.forEach((parent, i) => {
    const child = i + 1 < ancestry.length ? ancestry[i + 1] : node;
    if (isSeq(parent)) out.push(parent.items.indexOf(child as Node));
    else if (isPair(parent) && parent.value === child) out.push(isScalar(parent.key) ? String(parent.key.value) : String(parent.key));
  });
  return out;
}

/** Every alias in document order, with the anchored node it resolves to. */
function aliasUses(doc: Document): AliasUse[] {
  const anchors = new Map<string, Node>();
  const uses: AliasUse[] = [];
  visit(doc, {
    Node: (_key, node, ancestry) => {
      if (isAlias(node)) uses.push({ alias: node, path: pathOf(ancestry.filter((a) => !isDocument(a)), node), target: anchors.get(node.source) });
      // Recorded after the alias check: an alias never names an anchor that comes after it.
      else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  return uses;
}

/** How many values a node becomes once every alias in it is expanded (Infinity for a cycle or beyond float range). */
function expandedSize(uses: readonly AliasUse[]): (node: unknown) => number {
  const targets = new Map<Alias, Node | undefined>(uses.map((u) => [u.alias, u.target]));
  const memo = new Map<unknown, number>();
  const size = (node: unknown): number => {
    const known = memo.get(node);
    if (known !== undefined) return known;
    memo.set(node, Infinity); // an alias inside its own anchored collection never ends
    let n = 1;
    if (isAlias(node)) n = targets.get(node) ? size(targets.get(node)) : 1;
    else if (isCollection(node)) n = 1 + (node.items as unknown[]).reduce<number>((acc, item) => acc + size(item), 0);
    else if (isPair(node)) n = size((node as Pair).key) + size((node as Pair).value);
    memo.set(node, n);
    return n;
  };
  return size;
}

/**
 * The located problem behind an exception of `doc.toJS`: an alias to an undefined anchor, an alias
 * expansion over the limit (reported at the alias that expands the most), or, for anything else, the
 * document root.
 */
export function yamlDataIssue(doc: Document, error: unknown, maxAliasCount: number): YamlDataIssue {
  const reason = error instanceof Error ? error.message : String(error);
  const uses = aliasUses(doc);
  const dangling = uses.find((u) => u.target === undefined);
  if (dangling) {
    return {
      path: dangling.path,
      offset: dangling.alias.range?.[0] ?? 0,
      value: `*${dangling.alias.source}`,
      message: `is a YAML alias, but no anchor &${dangling.alias.source} is defined before it`,
      fix: `define &${dangling.alias.source} before this alias, or write the value out`,
    };
  }
  if (uses.length > 0) {
    const size = expandedSize(uses);
    // The first of the largest: in a bomb, the alias at the top level that multiplies everything below.
    const worst = uses.reduce((best, u) => (size(u.alias) > size(best.alias) ? u : best));
    const values = size(worst.alias);
    return {
      path: worst.path,
      offset: worst.alias.range?.[0] ?? 0,
      value: `*${worst.alias.source}`,
      message: `expands YAML aliases beyond the limit of ${maxAliasCount} (${uses.length} alias${uses.length === 1 ? '' : 'es'} in the file; this one ${Number.isFinite(values) ? `stands for ${values.toLocaleString('en-US')} value${values === 1 ? '' : 's'}` : 'refers to itself'}): yaml says "${reason}"`,
      fix: 'remove the alias/anchor expansion: write the values out instead of repeating *aliases',
    };
  }
  return { path: [], offset: 0, value: undefined, message: `the file cannot be turned into data: yaml says "${reason}"`, fix: 'simplify the YAML (anchors, aliases, custom tags) so it is plain mappings, lists and scalars' };
}
