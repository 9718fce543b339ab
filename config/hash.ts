/**
 * A fingerprint of a resolved config: the sha256 of its canonical JSON (object keys sorted at every
 * level). `lz synth` records it in `cdktf.out/manifest.json`; `lz check` and `lz report` compare it
 * with the config they were given, so an output synthesized from another config (an edited port,
 * user or timeout, not only other stacks or CIDRs) is refused instead of being judged as this one.
 */
import { createHash } from 'node:crypto';
import { LandingZone } from './model';

/** JSON with object keys sorted, so equal configs give equal text whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * `sha256:<hex>` of the resolved config, without `suppressions`: they steer `lz check`, not the
 * synthesized JSON, so editing one needs no new synth.
 */
export function configHash(lz: LandingZone): string {
  const { suppressions: _, ...synthesized } = lz;
  return `sha256:${createHash('sha256').update(canonicalJson(synthesized)).digest('hex')}`;
}
