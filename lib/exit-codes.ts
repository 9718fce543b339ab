/**
 * Exit codes of `lz`: in lib/ because the CLI and the commands it runs below it (plan/) both return
 * them, and plan/ may not import cli/ (docs/ARCHITECTURE.md, "Layers").
 */

/** Exit codes of `lz`. */
export const EXIT = {
  /** Success. */
  ok: 0,
  /** Invalid config, failed checks or findings, or the command could not do its job. */
  failed: 1,
  /** The command line itself is wrong: unknown command or option, missing argument. */
  usage: 2,
  /**
   * A bug in `lz` itself (a TypeError and the like): EX_SOFTWARE of BSD sysexits.h, so scripts can
   * tell "my config is wrong" (1) from "the tool is broken" (70).
   * https://man.freebsd.org/cgi/man.cgi?query=sysexits
   */
  internal: 70,
} as const;
