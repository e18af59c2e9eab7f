import { englishOnlyNote, quickReplyKey, t } from "../../../i18n/index.ts";
import type { Rule } from "../rule.ts";

/**
 * A shopper writing in a language the knowledge has no translations for gets, in that language, a short
 * note that the assistant answers in English, with a person as the other option (agents have language
 * skills); "continue in English" is acknowledged in English. The note is not a fallback: it does not count
 * towards handing off.
 */
export const englishOnly: Rule = {
  name: "language/english-only",
  decide(f) {
    if (quickReplyKey(f.text) === "quick.continueInEnglish") {
      return { reply: { text: t("en", "language.continueInEnglish"), action: "smalltalk" }, why: "the shopper chose to continue in English" };
    }
    if (f.knowledgeLanguage !== "none") return undefined;
    const note = englishOnlyNote(f.language);
    return {
      reply: {
        text: note?.text ?? t("en", "language.englishOnly"),
        action: "language_note",
        quickReplies: note ? [...note.quickReplies] : [t("en", "quick.talkToPerson"), t("en", "quick.continueInEnglish")],
      },
      why: `message in ${f.language}, which has no knowledge translations`,
    };
  },
};
