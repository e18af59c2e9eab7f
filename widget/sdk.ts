/**
 * The page-facing script API, in the convention shops know from Intercom and Chatwoot: one global
 * function taking a command name, with a stub that queues calls made before the script loads:
 *
 *   window.FjellChat = window.FjellChat || function () { (FjellChat.q = FjellChat.q || []).push(arguments) };
 *   FjellChat("on", "addToCart", (item) => cart.add(item));
 *   FjellChat("boot", { locale: "es" });
 *
 * Every command is also a method (`FjellChat.open()`), for pages written against the first API.
 */

/** What a page can pass to `boot` (script-tag attributes give the defaults). */
export interface BootOptions {
  title?: string;
  color?: string;
  /** Server origin, if not the origin of the script's `src`. */
  server?: string;
  /** BCP 47 tag of the shopper's language, e.g. `es` or `de-AT` (default: the browser's). */
  locale?: string;
  customerId?: string;
  /** HMAC-SHA256 of `customerId` with the shop secret, hex, computed by the shop's backend. */
  signature?: string;
}

/** A signed customer identity, as the shop's backend renders it. */
export interface Identity {
  customerId: string;
  signature: string;
}

/** Events a page can listen to with `on`. */
export type WidgetEvent = "open" | "close" | "message" | "unread" | "state" | "addToCart";

/** A page's event handler; an `addToCart` handler may return a promise (or `false`) to report failure. */
export type WidgetListener = (payload: unknown) => unknown;

/** Page listeners of one widget (they survive `shutdown` and a new `boot`). */
export interface WidgetEvents {
  on(event: WidgetEvent, fn: WidgetListener): () => void;
  off(event: WidgetEvent, fn: WidgetListener): void;
  has(event: WidgetEvent): boolean;
  /** Tells every listener; a listener that throws is reported on the console and the others still run. */
  emit(event: WidgetEvent, payload: unknown): void;
  /** Asks every listener and resolves when all succeed; rejects when one throws, rejects or returns `false`. */
  request(event: WidgetEvent, payload: unknown): Promise<void>;
}

const EVENTS: readonly WidgetEvent[] = ["open", "close", "message", "unread", "state", "addToCart"];

/** Creates the listener registry of the script API. */
export function createWidgetEvents(report: (message: string, err?: unknown) => void = consoleError): WidgetEvents {
  const listeners = new Map<WidgetEvent, Set<WidgetListener>>();
  const of = (event: WidgetEvent) => listeners.get(event) ?? new Set<WidgetListener>();
  return {
    on(event, fn) {
      if (!EVENTS.includes(event) || typeof fn !== "function") {
        report(`FjellChat: on(event, fn) needs one of ${EVENTS.join(", ")} and a function; got ${String(event)}`);
        return () => undefined;
      }
      const set = of(event);
      set.add(fn);
      listeners.set(event, set);
      return () => set.delete(fn);
    },
    off(event, fn) {
      listeners.get(event)?.delete(fn);
    },
    has: (event) => of(event).size > 0,
    emit(event, payload) {
      for (const fn of of(event)) {
        try {
          fn(payload);
        } catch (err) {
          report(`FjellChat: a "${event}" listener threw`, err);
        }
      }
    },
    async request(event, payload) {
      const results = await Promise.all([...of(event)].map(async (fn) => fn(payload)));
      if (results.some((r) => r === false)) throw new Error(`a "${event}" listener returned false`);
    },
  };
}

function consoleError(message: string, err?: unknown): void {
  // The page's developer needs to see a misuse of the API; the shopper's chat keeps working.
  console.error(message, ...(err === undefined ? [] : [err]));
}

/** A mounted widget, as the script API drives it. */
export interface WidgetInstance {
  open(): void;
  close(): void;
  send(text: string): void;
  identify(identity: Identity): void;
  /** Forgets the session and the identity and starts an anonymous conversation. */
  logout(): void;
  /** Removes the widget from the page and closes its connection (the stored session stays). */
  destroy(): void;
}

/** The global `window.FjellChat`: a command function with one method per command. */
export interface FjellChatApi {
  (command: string, ...args: unknown[]): unknown;
  boot(options?: BootOptions): void;
  identify(identity: Identity): void;
  logout(): void;
  shutdown(): void;
  open(): void;
  close(): void;
  send(text: string): void;
  on(event: WidgetEvent, fn: WidgetListener): () => void;
  off(event: WidgetEvent, fn: WidgetListener): void;
  /** Calls queued by the stub snippet before the script loaded. */
  q?: ArrayLike<unknown>[];
  /** Marks the real API (as opposed to the stub). */
  readonly version: string;
}

/** What `installFjellChat` needs from the widget. */
export interface InstallOptions {
  /** Options from the script tag's attributes; `boot` options override them. */
  defaults: BootOptions;
  /** Boot at load unless the page queued its own `boot` (false for `data-boot="manual"`). */
  autoBoot: boolean;
  mount(options: BootOptions, events: WidgetEvents): WidgetInstance;
  report?: (message: string, err?: unknown) => void;
}

/** The script API version, readable as `FjellChat.version`. */
export const SDK_VERSION = "2";

/**
 * Replaces the stub (or nothing) at `window.FjellChat` with the real API, runs the calls the stub queued
 * once the page's body exists, and boots unless the page boots itself. A second copy of the script
 * keeps the first one's API.
 * @example installFjellChat(window, { defaults: readAttributes(script), autoBoot: true, mount });
 */
export function installFjellChat(w: Window & { FjellChat?: unknown }, options: InstallOptions): FjellChatApi {
  const existing: unknown = w.FjellChat;
  const prior = typeof existing === "function" ? (existing as { version?: string; q?: unknown }) : undefined;
  if (prior && prior.version) return prior as FjellChatApi;
  const report = options.report ?? consoleError;
  const queued: ArrayLike<unknown>[] = prior && Array.isArray(prior.q) ? prior.q.slice() : [];
  const events = createWidgetEvents(report);
  let settings: BootOptions = { ...options.defaults };
  let instance: WidgetInstance | null = null;
  let domReady = false;
  const beforeReady: ArrayLike<unknown>[] = [];
  // Commands that need a widget, held until `boot`.
  let held: [string, unknown[]][] = [];

  function boot(given: unknown): void {
    const extra = given && typeof given === "object" ? (given as BootOptions) : {};
    instance?.destroy();
    settings = { ...settings, ...extra };
    instance = options.mount(settings, events);
    const later = held;
    held = [];
    for (const [command, args] of later) run(command, args);
  }

  function run(command: string, args: unknown[]): unknown {
    switch (command) {
      case "boot":
        return boot(args[0]);
      case "shutdown":
        instance?.destroy();
        instance = null;
        held = [];
        return;
      case "on":
        return events.on(args[0] as WidgetEvent, args[1] as WidgetListener);
      case "off":
        return events.off(args[0] as WidgetEvent, args[1] as WidgetListener);
      case "identify": {
        const id = args[0] as Partial<Identity> | undefined;
        if (!id || typeof id.customerId !== "string" || !id.customerId || typeof id.signature !== "string" || !id.signature) {
          report("FjellChat: identify({ customerId, signature }) needs both, as strings from your backend; nothing changed");
          return;
        }
        settings = { ...settings, customerId: id.customerId, signature: id.signature };
        return instance?.identify({ customerId: id.customerId, signature: id.signature });
      }
      case "logout":
        settings = { ...settings, customerId: undefined, signature: undefined };
        if (instance) return instance.logout();
        held.push([command, args]);
        return;
      case "open":
      case "close":
      case "send":
        if (!instance) {
          held.push([command, args]);
          return;
        }
        if (command === "send") return instance.send(String(args[0] ?? ""));
        return command === "open" ? instance.open() : instance.close();
      default:
        report(`FjellChat: unknown command "${command}"`);
    }
  }

  function call(command: unknown, ...args: unknown[]): unknown {
    if (!domReady) {
      beforeReady.push([command, ...args]);
      return;
    }
    return run(String(command), args);
  }

  const api = call as FjellChatApi;
  for (const name of ["boot", "identify", "logout", "shutdown", "open", "close", "send", "on", "off"]) {
    (api as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => call(name, ...args);
  }
  Object.defineProperty(api, "version", { value: SDK_VERSION });
  w.FjellChat = api;

  function start(): void {
    domReady = true;
    const calls = [...queued, ...beforeReady];
    const pageBoots = calls.some((c) => c[0] === "boot");
    for (const c of calls) run(String(c[0]), Array.prototype.slice.call(c, 1));
    if (options.autoBoot && !pageBoots && !instance) boot(undefined);
  }
  if (w.document.readyState === "loading") w.document.addEventListener("DOMContentLoaded", start);
  else start();
  return api;
}
