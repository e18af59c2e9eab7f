/**
 * The one catalogue of application errors. Every error a client can see has a stable
 * `CHAT_ERR_*` code, an HTTP status and a one-line description (checked by server/errors.test.ts
 * against docs/errors.md).
 */

/** Every stable error code with its HTTP status and what it means. */
export const ERROR_CATALOGUE = {
  CHAT_ERR_INVALID_JSON: { status: 400, description: "The frame or request body is not valid JSON." },
  CHAT_ERR_UNKNOWN_TYPE: { status: 400, description: "The frame's `type` is not one the protocol defines." },
  CHAT_ERR_INVALID_FRAME: { status: 400, description: "A required field is missing or has the wrong type." },
  CHAT_ERR_FRAME_TOO_LARGE: { status: 413, description: "The frame exceeds the maximum frame size; the connection is closed." },
  CHAT_ERR_RATE_LIMITED: { status: 429, description: "Too many messages in a short time; repeated flooding closes the connection." },
  CHAT_ERR_NOT_STARTED: { status: 409, description: "A `hello` must be sent before any other frame." },
  CHAT_ERR_BAD_SIGNATURE: { status: 401, description: "The customer signature does not match; the shopper stays anonymous." },
  CHAT_ERR_TOO_MANY_SESSIONS: { status: 503, description: "The server holds its maximum number of live connections." },
  CHAT_ERR_CONVERSATION_CLOSED: { status: 409, description: "The conversation is closed and accepts no more messages." },
  CHAT_ERR_NOT_READY: { status: 503, description: "The server is still starting (models or knowledge not loaded)." },
  CHAT_ERR_UNAUTHORIZED: { status: 401, description: "Missing or invalid credentials for an agent or admin API." },
  CHAT_ERR_FORBIDDEN: { status: 403, description: "The credentials are valid but lack the role for this call." },
  CHAT_ERR_NOT_FOUND: { status: 404, description: "The requested resource does not exist." },
  CHAT_ERR_VALIDATION: { status: 400, description: "A request parameter or body field is invalid." },
  CHAT_ERR_CONFIG: { status: 500, description: "The server configuration is invalid; the message says which setting." },
  CHAT_ERR_MODEL_UNAVAILABLE: { status: 503, description: "A model could not be loaded (missing local files or no network for a download)." },
  CHAT_ERR_KNOWLEDGE: { status: 422, description: "A knowledge file is malformed; the previous index stays in use." },
  CHAT_ERR_KNOWLEDGE_CONFLICT: { status: 409, description: "The knowledge file changed since the admin opened it (another admin, or an edit on disk); nothing was saved." },
  CHAT_ERR_IMPORT: { status: 422, description: "An import file has bad rows or a bad column mapping." },
  CHAT_ERR_HANDOFF_CONFLICT: { status: 409, description: "The handoff action does not fit the conversation's current state (already taken, not yours, not queued)." },
  CHAT_ERR_DATABASE_KEY: { status: 500, description: "The SQLite database could not be opened with DATABASE_KEY (wrong key, an unencrypted file, or an encrypted file without a key)." },
  CHAT_ERR_ERASURE_BLOCKED: { status: 409, description: "The customer cannot be erased now: a conversation of theirs is queued or with an agent; close it first." },
  CHAT_ERR_INTERNAL: { status: 500, description: "An unexpected error; it is logged with a request id." },
} as const satisfies Record<string, { status: number; description: string }>;

/** A stable error code from the catalogue. */
export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** An error with a stable code that the transport turns into a status or an error frame. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AppError";
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
  }
}

/** True when `err` is an AppError (optionally with the given code). */
export function isAppError(err: unknown, code?: ErrorCode): err is AppError {
  return err instanceof AppError && (code === undefined || err.code === code);
}
