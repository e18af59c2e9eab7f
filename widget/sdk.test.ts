import { describe, expect, it, vi } from "vitest";
import { createWidgetEvents, installFjellChat, type BootOptions, type FjellChatApi, type WidgetInstance } from "./sdk.ts";

/** A window with just what installFjellChat touches, and a mount that records what the widget was asked. */
function fakePage(readyState: "loading" | "complete" = "complete", stub?: (...args: unknown[]) => void) {
  const listeners: (() => void)[] = [];
  const w = {
    FjellChat: stub as unknown,
    document: { readyState, addEventListener: (_: string, fn: () => void) => listeners.push(fn) },
  };
  const log: string[] = [];
  const mounts: BootOptions[] = [];
  const mount = (options: BootOptions): WidgetInstance => {
    mounts.push(options);
    const n = mounts.length;
    return {
      open: () => log.push(`${n}:open`),
      close: () => log.push(`${n}:close`),
      send: (text) => log.push(`${n}:send ${text}`),
      identify: (id) => log.push(`${n}:identify ${id.customerId}`),
      logout: () => log.push(`${n}:logout`),
      destroy: () => log.push(`${n}:destroy`),
    };
  };
  const domReady = () => listeners.forEach((fn) => fn());
  return { w: w as unknown as Window & { FjellChat?: unknown }, log, mounts, mount, domReady };
}

/** The stub snippet a shop pastes before the script tag. */
function stubSnippet() {
  const stub = function (...args: unknown[]) {
    (stub.q = stub.q || []).push(args);
  } as ((...args: unknown[]) => void) & { q?: unknown[][] };
  return stub;
}

describe("installFjellChat", () => {
  it("runs calls queued by the stub before the script loaded, in order, once booted", () => {
    const stub = stubSnippet();
    stub("open");
    stub("boot", { locale: "es" });
    stub("send", "hola");
    const page = fakePage("complete", stub);
    installFjellChat(page.w, { defaults: { server: "https://chat.test", title: "Shop" }, autoBoot: true, mount: page.mount });
    expect(page.mounts).toEqual([{ server: "https://chat.test", title: "Shop", locale: "es" }]);
    expect(page.log).toEqual(["1:open", "1:send hola"]);
    expect(typeof page.w.FjellChat).toBe("function");
    expect((page.w.FjellChat as FjellChatApi).version).toBeTruthy();
  });

  it("boots from the script tag's attributes when the page does not boot it, and not at all with data-boot=manual", () => {
    const auto = fakePage();
    installFjellChat(auto.w, { defaults: { title: "From tag" }, autoBoot: true, mount: auto.mount });
    expect(auto.mounts).toEqual([{ title: "From tag" }]);

    const manual = fakePage();
    const api = installFjellChat(manual.w, { defaults: { title: "From tag" }, autoBoot: false, mount: manual.mount });
    api("open");
    expect(manual.mounts).toEqual([]);
    api("boot", { customerId: "C1", signature: "s" });
    expect(manual.mounts).toEqual([{ title: "From tag", customerId: "C1", signature: "s" }]);
    expect(manual.log).toEqual(["1:open"]);
  });

  it("waits for the page's body before booting a script that runs while the page loads", () => {
    const page = fakePage("loading");
    const api = installFjellChat(page.w, { defaults: {}, autoBoot: true, mount: page.mount });
    api.open();
    expect(page.mounts).toEqual([]);
    page.domReady();
    expect(page.mounts).toHaveLength(1);
    expect(page.log).toEqual(["1:open"]);
  });

  it("identifies, logs out and shuts down for a single-page app, and boots again with the new identity", () => {
    const page = fakePage();
    const api = installFjellChat(page.w, { defaults: { server: "s" }, autoBoot: true, mount: page.mount });
    api.identify({ customerId: "C00042", signature: "abc" });
    api("logout");
    api.shutdown();
    api.open(); // held until the next boot
    api.identify({ customerId: "C7", signature: "def" });
    api.boot();
    expect(page.log).toEqual(["1:identify C00042", "1:logout", "1:destroy", "2:open"]);
    expect(page.mounts[1]).toEqual({ server: "s", customerId: "C7", signature: "def" });
  });

  it("refuses an identify without a signature, changing nothing, and reports unknown commands", () => {
    const page = fakePage();
    const report = vi.fn();
    const api = installFjellChat(page.w, { defaults: {}, autoBoot: true, mount: page.mount, report });
    api.identify({ customerId: "C1" } as never);
    api("fly");
    expect(page.log).toEqual([]);
    expect(report.mock.calls.map((c) => c[0])).toEqual([expect.stringMatching(/identify.*signature/), expect.stringMatching(/unknown command "fly"/)]);
  });

  it("keeps the first copy's API when the script is included twice", () => {
    const page = fakePage();
    const first = installFjellChat(page.w, { defaults: {}, autoBoot: true, mount: page.mount });
    const second = installFjellChat(page.w, { defaults: {}, autoBoot: true, mount: page.mount });
    expect(second).toBe(first);
    expect(page.mounts).toHaveLength(1);
  });

  it("keeps listeners registered through the stub across a shutdown and a new boot", () => {
    const stub = stubSnippet();
    const seen: unknown[] = [];
    stub("on", "open", (p: unknown) => seen.push(p ?? "opened"));
    const page = fakePage("complete", stub);
    let emitOpen: (() => void) | undefined;
    installFjellChat(page.w, {
      defaults: {},
      autoBoot: true,
      mount: (o, events) => {
        emitOpen = () => events.emit("open", undefined);
        return page.mount(o);
      },
    });
    (page.w.FjellChat as FjellChatApi).shutdown();
    (page.w.FjellChat as FjellChatApi).boot();
    emitOpen!();
    expect(seen).toEqual(["opened"]);
  });
});

describe("createWidgetEvents", () => {
  it("keeps calling other listeners when one throws, and reports it", () => {
    const report = vi.fn();
    const events = createWidgetEvents(report);
    const got: unknown[] = [];
    events.on("message", () => {
      throw new Error("page bug");
    });
    events.on("message", (m) => got.push(m));
    events.emit("message", { text: "hi" });
    expect(got).toEqual([{ text: "hi" }]);
    expect(report).toHaveBeenCalledWith(expect.stringMatching(/message/), expect.any(Error));
  });

  it("resolves a request when every listener succeeds and rejects when one fails or returns false", async () => {
    const events = createWidgetEvents(() => undefined);
    const off = events.on("addToCart", async () => undefined);
    await expect(events.request("addToCart", {})).resolves.toBeUndefined();
    events.on("addToCart", () => false);
    await expect(events.request("addToCart", {})).rejects.toThrow(/false/);
    off();
    expect(events.has("addToCart")).toBe(true);
  });

  it("refuses unknown events", () => {
    const report = vi.fn();
    const events = createWidgetEvents(report);
    events.on("explode" as never, () => undefined);
    expect(report).toHaveBeenCalledWith(expect.stringMatching(/explode/));
  });
});
