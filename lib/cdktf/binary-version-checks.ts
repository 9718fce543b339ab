/**
 * One `terraform version` per synth instead of one per stack.
 *
 * cdktf attaches a `ValidateTerraformVersion` to every `terraform_data` resource and to every stack
 * with `moved` blocks, and each one runs `terraform version` through `execSync` when the app validates
 * (cdktf/lib/validations/validate-binary-version.js). With a `terraform_data` or a `moved` block in
 * every spoke stack that is one process per stack: a CPU profile of the 200-spoke benchmark synth
 * spent 9.8 of its 19 s in `spawnSync`, so about a minute at 1,000 spokes. The answer cannot change
 * within one synth (same binary, same PATH), so the first answer per command and constraint is reused;
 * the checks still run, and still fail the synth when Terraform is missing or too old.
 */
// Not re-exported by the cdktf index; cdktf 0.21 has no package `exports` map, so the module path is stable for the pinned version.
import { ValidateBinaryVersion } from 'cdktf/lib/validations/validate-binary-version';

/** Runs `work` with each distinct binary-version check evaluated once; the original method is restored afterwards. */
export function withMemoizedBinaryVersionChecks<T>(work: () => T): T {
  const prototype = ValidateBinaryVersion.prototype;
  const original = prototype.validate;
  const answers = new Map<string, string[]>();
  prototype.validate = function (this: ValidateBinaryVersion): string[] {
    const self = this as unknown as { versionCommand: string; versionConstraint: string; hint?: string };
    const key = JSON.stringify([self.versionCommand, self.versionConstraint, self.hint ?? '']);
    const known = answers.get(key);
    if (known !== undefined) return [...known];
    const answer = original.call(this);
    answers.set(key, answer);
    return [...answer];
  };
  try {
    return work();
  } finally {
    prototype.validate = original;
  }
}
