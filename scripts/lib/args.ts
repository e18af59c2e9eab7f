/**
 * Tiny command-line flag parser shared by the scripts: `--name value`, `--name=value` and boolean `--flag`.
 */

/** Parsed flags: string values for valued flags, `true` for bare flags; `_` holds positionals. */
export interface ParsedArgs {
  readonly flags: Readonly<Record<string, string | true>>;
  readonly positionals: readonly string[];
}

/** What a script accepts: names of flags that take a value and names of boolean flags. */
export interface ArgSpec {
  readonly valued: readonly string[];
  readonly boolean: readonly string[];
}

/**
 * Parse argv (without node and script) against a spec; unknown flags throw with the list of known ones.
 * @example parseArgs(["--dataset", "banking77", "--json"], { valued: ["dataset"], boolean: ["json"] })
 */
export function parseArgs(argv: readonly string[], spec: ArgSpec): ParsedArgs {
  const flags: Record<string, string | true> = {};
  const positionals: string[] = [];
  const known = [...spec.valued, ...spec.boolean].map((n) => `--${n}`).join(", ");
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (spec.boolean.includes(name)) {
      if (eq !== -1) throw new Error(`flag --${name} takes no value`);
      flags[name] = true;
    } else if (spec.valued.includes(name)) {
      const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value.startsWith("--")) throw new Error(`flag --${name} needs a value`);
      flags[name] = value;
    } else {
      throw new Error(`unknown flag ${arg}; known flags: ${known}`);
    }
  }
  return { flags, positionals };
}

/** The string value of a valued flag, or `fallback` when absent. */
export function flagString(args: ParsedArgs, name: string, fallback: string): string;
export function flagString(args: ParsedArgs, name: string): string | undefined;
export function flagString(args: ParsedArgs, name: string, fallback?: string): string | undefined {
  const v = args.flags[name];
  return typeof v === "string" ? v : fallback;
}

/** True when a boolean flag was given. */
export function flagBool(args: ParsedArgs, name: string): boolean {
  return args.flags[name] === true;
}
