/**
 * The embeddable chat widget (the bundle entry served as /widget.js). A shop adds one tag:
 * `<script src="https://assistant.example/widget.js" data-title="Fjell & Field" data-color="#2f5d50" defer></script>`
 * and gets a launcher button and a chat dialog, drawn in a shadow root so no styles leak either way.
 * Single-page apps drive it with the script API (`FjellChat("boot" | "identify" | "logout" | …)`, widget/sdk.ts).
 */
import { mountChatWidget } from "./chat-panel.ts";
import { installFjellChat, type BootOptions, type FjellChatApi } from "./sdk.ts";

export type { FjellChatApi } from "./sdk.ts";

declare global {
  interface Window {
    FjellChat?: FjellChatApi;
  }
}

/** Boot options from the script tag's `data-*` attributes. */
function readAttributes(script: HTMLScriptElement | null): BootOptions {
  const data = script ? script.dataset : ({} as DOMStringMap);
  const server = data.server || (script && script.src ? new URL(script.src, location.href).origin : location.origin);
  const options: BootOptions = { server: server.replace(/\/+$/, "") };
  if (data.title) options.title = data.title;
  if (data.color) options.color = data.color;
  if (data.locale) options.locale = data.locale;
  // Both or neither: an id without its signature would only be refused by the server.
  if (data.customerId && data.customerSignature) Object.assign(options, { customerId: data.customerId, signature: data.customerSignature });
  return options;
}

// Captured synchronously: `document.currentScript` is only set while this script first runs.
const currentScript = (document.currentScript as HTMLScriptElement | null) || document.querySelector<HTMLScriptElement>('script[src*="widget.js"]');

installFjellChat(window, {
  defaults: readAttributes(currentScript),
  autoBoot: !currentScript || currentScript.dataset.boot !== "manual",
  mount: mountChatWidget,
});
