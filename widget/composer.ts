/**
 * The widget's message box: a growing textarea (Enter sends, Shift+Enter adds a line), a character
 * counter that appears near the limit and blocks sending over it, the microphone button for voice
 * input (hidden where the browser has no speech recognition), and the send button.
 */
import { el, icon } from "./dom.ts";
import { format, type WidgetFormatter } from "./i18n.ts";
import type { WidgetStrings } from "./strings.ts";
import { createVoiceInput, findRecognition, type VoiceInput, type VoiceProblem } from "./voice.ts";

/** Show the counter from this share of the limit on. */
const COUNTER_FROM = 0.9;
const TYPING_IDLE_MS = 3000;

/** What the composer needs from the widget. */
export interface ComposerOptions {
  t: WidgetStrings;
  fmt: WidgetFormatter;
  /** The shopper's locale, for speech recognition. */
  locale: string;
  maxLength: number;
  /** Sends a message; the composer has already checked it is non-empty and within the limit. */
  send(text: string): void;
  typing(on: boolean): void;
  notice(text: string): void;
  /** Runs a layout change without losing the bottom of the conversation. */
  keepBottom(change: () => void): void;
}

/** The message box of one widget. */
export interface Composer {
  readonly form: HTMLFormElement;
  readonly input: HTMLTextAreaElement;
  /** Disables everything (the conversation is closed) or enables it again. */
  setClosed(closed: boolean): void;
  /** Stops listening and typing (the widget is closing or going away). */
  stop(): void;
}

/**
 * Builds the message box.
 * @example const composer = createComposer({ t, fmt, locale: "es-ES", maxLength: 4000, send, typing, notice, keepBottom });
 */
export function createComposer(o: ComposerOptions): Composer {
  const { t } = o;
  const form = el("form", "compose");
  const counterId = "ff-count";
  const input = el("textarea", undefined, undefined, {
    rows: "1",
    placeholder: t.placeholder,
    "aria-label": t.message,
    "aria-describedby": counterId,
    enterkeyhint: "send",
  });
  const mic = el("button", "mic", undefined, { type: "button", "aria-label": t.voice, "aria-pressed": "false" });
  mic.appendChild(icon("M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V21h2v-3.1a7 7 0 0 0 6-6.9z"));
  const sendBtn = el("button", "send", undefined, { type: "submit", "aria-label": t.send });
  sendBtn.appendChild(icon("M3 20.5 21 12 3 3.5v6.6L15 12 3 13.9z"));
  const row = el("div", "row");
  row.append(input, mic, sendBtn);
  const counter = el("div", "count", "", { id: counterId });
  counter.hidden = true;
  const voiceStatus = el("div", "vstatus", "", { role: "status" });
  voiceStatus.hidden = true;
  form.append(row, counter, voiceStatus);

  let typingIdle: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  function autosize(): void {
    o.keepBottom(() => {
      input.style.height = "auto";
      input.style.height = `${Math.min(input.scrollHeight + 3, 120)}px`;
    });
  }

  /** Shows the counter near the limit and marks the box invalid over it; true when sendable. */
  function updateCount(): boolean {
    const n = input.value.length;
    const over = n - o.maxLength;
    counter.hidden = n < o.maxLength * COUNTER_FROM;
    counter.classList.toggle("over", over > 0);
    counter.textContent = over > 0 ? format(t.over, { n: o.fmt.count(over) }) : format(t.counter, { n: o.fmt.count(n), max: o.fmt.count(o.maxLength) });
    input.setAttribute("aria-invalid", String(over > 0));
    return over <= 0;
  }

  function submit(): void {
    if (closed || !input.value.trim()) return;
    if (!updateCount()) {
      o.notice(format(t.tooLong, { max: o.fmt.count(o.maxLength) }));
      return;
    }
    const text = input.value.trim();
    input.value = "";
    input.classList.remove("interim");
    voice?.stop();
    clearTimeout(typingIdle);
    updateCount();
    autosize();
    o.send(text);
    input.focus();
  }

  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      submit();
    }
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    submit();
  });
  input.addEventListener("input", () => {
    input.classList.remove("interim");
    updateCount();
    autosize();
    clearTimeout(typingIdle);
    if (!input.value.trim()) {
      o.typing(false);
      return;
    }
    o.typing(true);
    typingIdle = setTimeout(() => o.typing(false), TYPING_IDLE_MS);
  });

  // Voice: the words heard replace what was said in this session, after whatever was typed before.
  const Recognition = findRecognition();
  let voice: VoiceInput | undefined;
  let before = "";
  const problems: Record<VoiceProblem, string> = { denied: t.voiceDenied, "no-speech": t.voiceNoSpeech, failed: t.voiceFailed };
  function say(text: string): void {
    o.keepBottom(() => {
      voiceStatus.textContent = text;
      voiceStatus.hidden = !text;
    });
  }
  if (Recognition) {
    voice = createVoiceInput(Recognition, o.locale, {
      text(transcript, final) {
        input.value = before && transcript ? `${before} ${transcript}` : before || transcript;
        input.classList.toggle("interim", !final);
        updateCount();
        autosize();
      },
      listening(on) {
        mic.setAttribute("aria-pressed", String(on));
        mic.setAttribute("aria-label", on ? t.stopVoice : t.voice);
        if (on) say(t.listening);
        else {
          if (voiceStatus.textContent === t.listening) say("");
          input.classList.remove("interim");
        }
      },
      problem(kind) {
        say(problems[kind]);
      },
    });
    mic.addEventListener("click", () => {
      if (!voice!.listening) {
        before = input.value.trim();
        say("");
      }
      voice!.toggle();
      input.focus();
    });
  } else {
    mic.hidden = true;
  }

  return {
    form,
    input,
    setClosed(value) {
      closed = value;
      if (value) {
        voice?.stop();
        clearTimeout(typingIdle);
      }
      input.disabled = value;
      sendBtn.disabled = value;
      mic.disabled = value;
      input.placeholder = value ? t.closedPlaceholder : t.placeholder;
    },
    stop() {
      voice?.stop();
      clearTimeout(typingIdle);
    },
  };
}
