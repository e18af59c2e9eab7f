/**
 * Requests for a person written in a language the English intent model cannot read ("quiero hablar con
 * una persona", "ich möchte mit einem Mitarbeiter sprechen", "je veux parler à un conseiller", "转人工").
 * A request needs a word for a person and a word for reaching them, in any order (German puts the verb
 * last); a question about the people ("¿cuándo puedo hablar con alguien?") is not a request, the
 * knowledge answers it. English is left to the intent model (server/dialogue/engine/rules/handoff.ts).
 */

interface PersonRequestLexicon {
  person: RegExp;
  reach: RegExp;
  /** A message that is only the person word ("humano", "Mitarbeiter bitte"). */
  bare: RegExp;
  /** Questions about when or how the people can be reached. */
  question: RegExp;
}

const LEXICONS: Readonly<Record<string, PersonRequestLexicon>> = {
  es: {
    person: /\b(persona|humano|humana|agente|asesora?|operadora?|alguien|representante|encargad[oa]|gerente|empleado|atenci[oó]n al cliente)\b/iu,
    reach: /\b(hablar|habl[eo]|comunicar(me)?|contactar|pasa(r)?me|p[oó]n(er)?me|p[aá]same|necesito|quiero|quisiera|puedo)\b/iu,
    bare: /^\s*(un[ao]?\s+)?(persona|humano|agente|asesor|operador)(\s+(real|de verdad))?(\s*,?\s*por\s+favor)?\s*[.!]*\s*$/iu,
    question: /^\s*[¿¡]?\s*(cu[aá]ndo|a qu[eé] hora|c[oó]mo puedo contactar|d[oó]nde|cu[aá]l es el (horario|tel[eé]fono))\b/iu,
  },
  de: {
    person: /\b(mensch(en)?|person|mitarbeiter(in|n)?|berater(in)?|agent(en)?|jemande[mn]?|jemand|kundendienst|kundenservice|kundenberater(in)?|sachbearbeiter(in)?)\b/iu,
    reach: /\b(sprechen|reden|verbinden|verbinde|schreiben|möchte|will|brauche|kann ich|bitte)\b/iu,
    bare: /^\s*(ein(en)?\s+)?(mensch(en)?|mitarbeiter(in)?|berater(in)?|agent)(\s*,?\s*bitte)?\s*[.!]*\s*$/iu,
    question: /^\s*(wann|wie kann ich|wo|um wie viel uhr|welche (zeiten|telefonnummer))\b/iu,
  },
  fr: {
    person: /\b(humain|humaine|agent|conseill[eè]re?|quelqu['’]un|op[eé]rat(eur|rice)|responsable|vraie personne|une personne|service client)\b/iu,
    reach: /\b(parler|discuter|joindre|contacter|passer|mettre en relation|veux|voudrais|besoin|puis-je)\b/iu,
    bare: /^\s*(un\s+)?(humain|agent|conseiller|op[eé]rateur)(\s*,?\s*s['’]il vous pla[iî]t|\s*svp)?\s*[.!]*\s*$/iu,
    question: /^\s*(quand|à quelle heure|comment (puis-je|je peux) (contacter|joindre)|o[uù])\b/iu,
  },
  zh: {
    person: /(人工|真人|客服|工作人员|服务人员|专员)/u,
    reach: /(转|找|联系|接通|要|想|和|跟|需要|请)/u,
    bare: /^\s*(人工|转人工|人工客服|真人)\s*[。！!]*\s*$/u,
    question: /(什么时候|几点|怎么联系|如何联系|电话是多少)/u,
  },
};

/** True when `text`, written in `language` (ISO 639-1), asks to be put through to a person. */
export function isPersonRequest(text: string, language: string): boolean {
  const lex = LEXICONS[language];
  if (!lex) return false;
  if (lex.bare.test(text)) return true;
  if (lex.question.test(text)) return false;
  return lex.person.test(text) && lex.reach.test(text);
}
