#!/usr/bin/env node
/**
 * Parses every ```mermaid block of a Markdown file (or a bare .mmd file) with the real Mermaid
 * parser and exits 1 on the first syntax error. Mermaid is ESM-only and expects a browser's
 * DOMPurify; parsing needs none of its sanitizing, so a pass-through shim stands in.
 *   node scripts/check-mermaid.mjs cdktf.out/REPORT.md
 * Prints one line per diagram: `ok <n> <diagram type>` or `error <n> <message>`.
 */
import { readFileSync } from 'node:fs';
import DOMPurify from 'dompurify';

DOMPurify.addHook ??= () => {};
DOMPurify.sanitize ??= (s) => s;
DOMPurify.removeHooks ??= () => {};
DOMPurify.removeHook ??= () => {};
const { default: mermaid } = await import('mermaid');

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/check-mermaid.mjs <file.md|file.mmd>');
  process.exit(2);
}
const text = readFileSync(file, 'utf8');
const blocks = file.endsWith('.md') ? [...text.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]) : [text];
if (blocks.length === 0) {
  console.error(`error: ${file} holds no mermaid block`);
  process.exit(1);
}
let failed = false;
for (const [i, block] of blocks.entries()) {
  try {
    const result = await mermaid.parse(block);
    console.log(`ok ${i + 1} ${result.diagramType}`);
  } catch (e) {
    failed = true;
    console.log(`error ${i + 1} ${String(e.message ?? e).split('\n').slice(0, 4).join(' | ')}`);
  }
}
process.exit(failed ? 1 : 0);
