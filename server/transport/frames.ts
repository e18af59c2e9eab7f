import type { z } from "zod";
import type { ErrorCode } from "../errors.ts";

/** A parsed frame, or the error to send back (with the client's reference when the frame carried one). */
export type ParsedFrame<T> = { ok: true; frame: T } | { ok: false; code: ErrorCode; message: string; replyTo?: string };

/**
 * Parse one text frame and validate it against the schema of its `type` (protocol.ts): the one
 * place both chat sockets turn bytes into frames. `refField` names the field echoed as `replyTo`.
 */
export function parseFrame<T>(text: string, schemas: Record<string, z.ZodType>, refField: string): ParsedFrame<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, code: "CHAT_ERR_INVALID_JSON", message: "The frame is not valid JSON." };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { ok: false, code: "CHAT_ERR_INVALID_FRAME", message: "A frame must be a JSON object with a string `type`." };
  }
  const obj = raw as Record<string, unknown>;
  const replyTo = typeof obj[refField] === "string" ? (obj[refField] as string) : undefined;
  if (typeof obj.type !== "string") return { ok: false, code: "CHAT_ERR_INVALID_FRAME", message: "The frame has no string `type`.", replyTo };
  if (!Object.hasOwn(schemas, obj.type)) {
    return { ok: false, code: "CHAT_ERR_UNKNOWN_TYPE", message: `Unknown frame type "${obj.type.slice(0, 40)}".`, replyTo };
  }
  const result = schemas[obj.type].safeParse(obj);
  if (!result.success) {
    const why = result.error.issues.map((i) => `${i.path.join(".") || "frame"}: ${i.message}`).join("; ");
    return { ok: false, code: "CHAT_ERR_INVALID_FRAME", message: `Invalid "${obj.type}" frame: ${why}`, replyTo };
  }
  return { ok: true, frame: result.data as T };
}
