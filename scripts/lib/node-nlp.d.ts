// Minimal types for the parts of node-nlp (nlp.js v4) that the evaluation peer uses; the package ships none.
declare module "node-nlp" {
  interface NlpManagerSettings {
    languages?: string[];
    forceNER?: boolean;
    autoSave?: boolean;
    nlu?: { log?: boolean; [key: string]: unknown };
    [key: string]: unknown;
  }
  interface NlpProcessResult {
    intent: string;
    score: number;
    classifications?: { intent: string; score: number }[];
  }
  class NlpManager {
    constructor(settings?: NlpManagerSettings);
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<void>;
    process(locale: string, utterance: string): Promise<NlpProcessResult>;
  }
  const nodeNlp: { NlpManager: typeof NlpManager };
  export default nodeNlp;
}
