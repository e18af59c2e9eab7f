/**
 * The error catalogue, shared with models/ (models/errors.ts holds it so that models/ never imports
 * server/): `AppError` with a stable `CHAT_ERR_*` code, an HTTP status and a cause.
 */
export * from "../models/errors.ts";
