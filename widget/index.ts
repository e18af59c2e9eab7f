/**
 * Everything a browser runs, seen from the server: the widget bundler and the public demo folder.
 * The widget's protocol client is exported for other clients (tests, load generators).
 */
export { buildWidget, WIDGET_ENTRY, WIDGET_PUBLIC_DIR } from "./build.ts";
export {
  backoffDelay,
  createChatClient,
  createMessageId,
  DEFAULT_BACKOFF,
  type BackoffOptions,
  type ChatClient,
  type ChatClientHandlers,
  type ChatClientOptions,
  type ConnectionStatus,
  type OutboxEntry,
  type SocketLike,
  type StorageLike,
  type Timers,
} from "./chat-client.ts";
