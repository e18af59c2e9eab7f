/**
 * Writing a knowledge file's front matter from the form: YAML that the server's loader (gray-matter, js-yaml) reads
 * back to the same values. Strings stay plain where YAML allows it (so diffs stay readable) and are written as
 * JSON strings (valid YAML double-quoted scalars) otherwise.
 */

const SPECIAL = /^(?:true|false|yes|no|on|off|null|~|[-+]?(?:\d[\d_]*)?(?:\.\d*)?(?:e[-+]?\d+)?|\.nan|\.inf|-\.inf)$/i;

/** A string as a YAML scalar in block context (a list item or a value). */
export function yamlScalar(s: string): string {
  const plain =
    s.length > 0 &&
    s === s.trim() &&
    !/^[-?:,[\]{}#&*!|>'"%@`]/.test(s) &&
    !/: |\s#|:$|[\n\t]/.test(s) &&
    !SPECIAL.test(s);
  return plain ? s : JSON.stringify(s);
}

/** A string as an item of a flow list (`[a, b]`): plain only for simple words. */
function flowItem(s: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9 _./-]*$/.test(s) && !SPECIAL.test(s) && s === s.trim() ? s : JSON.stringify(s);
}

/** Keys written as flow lists on one line, as the shipped files write them. */
const FLOW_KEYS = new Set(["tags", "facts"]);

/**
 * A whole file: `---`, one line or block per front-matter key in the given order, `---`, then the body.
 * @example composeFile([["id", "x"], ["title", "X"], ["questions", ["a?", "b"]]], "Answer.")
 */
export function composeFile(fields: readonly (readonly [string, unknown])[], body: string): string {
  const lines = ["---"];
  for (const [key, value] of fields) {
    if (value === undefined) continue;
    if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
      if (FLOW_KEYS.has(key) || value.length === 0) lines.push(`${key}: [${value.map(flowItem).join(", ")}]`);
      else lines.push(`${key}:`, ...value.map((v) => `  - ${yamlScalar(v)}`));
    } else if (typeof value === "string") {
      lines.push(`${key}: ${yamlScalar(value)}`);
    } else {
      // Anything else the form does not edit is kept as JSON, which YAML reads as the same value.
      lines.push(`${key}: ${JSON.stringify(value)}`);
    }
  }
  lines.push("---");
  return `${lines.join("\n")}\n${body.replace(/\s+$/, "")}\n`;
}
