import { describe, expect, it } from "vitest";
import { createVoiceInput, voiceProblem, type RecognitionLike } from "./voice.ts";

/** A recogniser the test drives: results, errors and the end of a session. */
class FakeRecognition implements RecognitionLike {
  static last: FakeRecognition | undefined;
  lang = "";
  interimResults = false;
  continuous = true;
  maxAlternatives = 5;
  onresult: RecognitionLike["onresult"] = null;
  onerror: RecognitionLike["onerror"] = null;
  onend: RecognitionLike["onend"] = null;
  started = false;
  constructor() {
    FakeRecognition.last = this;
  }
  start() {
    this.started = true;
  }
  stop() {
    this.onend?.();
  }
  abort() {
    this.onerror?.({ error: "aborted" });
    this.onend?.();
  }
  hear(...parts: [string, boolean][]) {
    const results = parts.map(([transcript, isFinal]) => Object.assign([{ transcript }], { isFinal }));
    this.onresult?.({ results: results as never });
  }
}

function record() {
  const events: string[] = [];
  const voice = createVoiceInput(FakeRecognition, "es-ES", {
    text: (t, final) => events.push(`${final ? "final" : "interim"}:${t}`),
    listening: (on) => events.push(on ? "listening" : "stopped"),
    problem: (kind) => events.push(`problem:${kind}`),
  });
  return { voice, events };
}

describe("createVoiceInput", () => {
  it("listens in the shopper's language with interim results and reports them until the final one", () => {
    const { voice, events } = record();
    voice.toggle();
    const rec = FakeRecognition.last!;
    expect(rec).toMatchObject({ lang: "es-ES", interimResults: true, continuous: false, started: true });
    expect(voice.listening).toBe(true);
    rec.hear(["dónde está", false]);
    rec.hear(["dónde está mi pedido", true]);
    rec.onend?.();
    expect(events).toEqual(["listening", "interim:dónde está", "final:dónde está mi pedido", "stopped"]);
    expect(voice.listening).toBe(false);
  });

  it("says the microphone was refused when permission is denied", () => {
    const { voice, events } = record();
    voice.toggle();
    FakeRecognition.last!.onerror?.({ error: "not-allowed" });
    FakeRecognition.last!.onend?.();
    expect(events).toEqual(["listening", "problem:denied", "stopped"]);
  });

  it("reports silence when a session ends without words or errors", () => {
    const { voice, events } = record();
    voice.toggle();
    FakeRecognition.last!.onend?.();
    expect(events).toEqual(["listening", "stopped", "problem:no-speech"]);
  });

  it("stops on a second toggle without calling that a problem once words were heard", () => {
    const { voice, events } = record();
    voice.toggle();
    FakeRecognition.last!.hear(["hola", false]);
    voice.toggle();
    expect(events).toEqual(["listening", "interim:hola", "stopped"]);
  });
});

describe("voiceProblem", () => {
  it("maps the Web Speech API's error codes to what the shopper is told", () => {
    expect(voiceProblem("service-not-allowed")).toBe("denied");
    expect(voiceProblem("no-speech")).toBe("no-speech");
    expect(voiceProblem("network")).toBe("failed");
    expect(voiceProblem("audio-capture")).toBe("failed");
    expect(voiceProblem("aborted")).toBeNull();
  });
});
