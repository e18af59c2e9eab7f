/**
 * Voice for the chat widget, on the browser's Web Speech API: dictation with SpeechRecognition
 * (`webkitSpeechRecognition` in Chromium and Safari) and optional read-aloud with speechSynthesis.
 * Both are absent in some browsers; callers hide the controls then.
 */

/** The part of a SpeechRecognition result list the widget reads. */
interface ResultList {
  readonly length: number;
  [index: number]: { readonly isFinal: boolean; readonly length: number; [index: number]: { readonly transcript: string } };
}

/** The part of the Web Speech API's SpeechRecognition the widget uses (a fake in tests). */
export interface RecognitionLike {
  lang: string;
  interimResults: boolean;
  continuous: boolean;
  maxAlternatives: number;
  onresult: ((event: { results: ResultList }) => void) | null;
  onerror: ((event: { error: string }) => void) | null;
  onend: (() => void) | null;
  start(): void;
  stop(): void;
  abort(): void;
}

/** A SpeechRecognition constructor. */
export type RecognitionConstructor = new () => RecognitionLike;

/** Why dictation stopped without text: permission refused, silence, or anything else. */
export type VoiceProblem = "denied" | "no-speech" | "failed";

/** Callbacks of a dictation session. */
export interface VoiceInputHandlers {
  /** The words heard so far; `final` once the recogniser is sure of them. */
  text(transcript: string, final: boolean): void;
  listening(on: boolean): void;
  problem(kind: VoiceProblem): void;
}

/** One microphone button's dictation. */
export interface VoiceInput {
  /** Starts listening, or stops if already listening. */
  toggle(): void;
  stop(): void;
  readonly listening: boolean;
}

/** The page's SpeechRecognition constructor, standard or prefixed; undefined where unsupported. */
export function findRecognition(w: Window = window): RecognitionConstructor | undefined {
  const g = w as unknown as { SpeechRecognition?: RecognitionConstructor; webkitSpeechRecognition?: RecognitionConstructor };
  return g.SpeechRecognition || g.webkitSpeechRecognition;
}

/**
 * Maps a SpeechRecognition error code (https://wicg.github.io/speech-api/#speechreco-error) to what the
 * shopper is told; `aborted` (our own stop) is not a problem.
 */
export function voiceProblem(code: string): VoiceProblem | null {
  if (code === "aborted") return null;
  if (code === "not-allowed" || code === "service-not-allowed") return "denied";
  if (code === "no-speech") return "no-speech";
  return "failed";
}

/**
 * Creates dictation in language `lang` with interim results, one utterance per session.
 * @example const v = createVoiceInput(findRecognition()!, "es-ES", { text: (t) => (input.value = t), listening, problem }); v.toggle();
 */
export function createVoiceInput(Recognition: RecognitionConstructor, lang: string, on: VoiceInputHandlers): VoiceInput {
  let current: RecognitionLike | null = null;
  // Words heard or a problem reported in this session: otherwise its end is reported as silence.
  let settled = false;

  function start(): void {
    let rec: RecognitionLike;
    try {
      rec = new Recognition();
      rec.lang = lang;
      rec.interimResults = true;
      rec.continuous = false;
      rec.maxAlternatives = 1;
    } catch {
      on.problem("failed");
      return;
    }
    settled = false;
    rec.onresult = (event) => {
      let transcript = "";
      let final = true;
      for (let i = 0; i < event.results.length; i++) {
        const r = event.results[i];
        if (r.length) transcript += r[0].transcript;
        if (!r.isFinal) final = false;
      }
      transcript = transcript.trim();
      if (transcript) settled = true;
      on.text(transcript, final);
    };
    rec.onerror = (event) => {
      const problem = voiceProblem(event.error);
      if (problem) {
        settled = true;
        on.problem(problem);
      }
    };
    rec.onend = () => {
      if (current !== rec) return;
      current = null;
      on.listening(false);
      if (!settled) on.problem("no-speech");
    };
    current = rec;
    try {
      rec.start();
    } catch {
      current = null;
      on.problem("failed");
      return;
    }
    on.listening(true);
  }

  function stop(): void {
    const rec = current;
    if (!rec) return;
    // stop() keeps what was heard (a final result follows); onend reports the end.
    rec.stop();
  }

  return {
    toggle: () => (current ? stop() : start()),
    stop,
    get listening() {
      return current !== null;
    },
  };
}

/** Reads replies aloud, when the browser can. */
export interface ReadAloud {
  readonly supported: boolean;
  speak(text: string): void;
  cancel(): void;
}

/** Read-aloud with speechSynthesis in language `lang`; a no-op where speechSynthesis is missing. */
export function createReadAloud(lang: string, w: Window = window): ReadAloud {
  const synth = (w as { speechSynthesis?: SpeechSynthesis }).speechSynthesis;
  const Utterance = (w as unknown as { SpeechSynthesisUtterance?: typeof SpeechSynthesisUtterance }).SpeechSynthesisUtterance;
  const supported = !!synth && !!Utterance;
  return {
    supported,
    speak(text) {
      if (!supported || !text.trim()) return;
      const u = new Utterance!(text);
      u.lang = lang;
      synth!.speak(u);
    },
    cancel() {
      if (supported) synth!.cancel();
    },
  };
}
