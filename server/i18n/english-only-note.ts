/**
 * The note for a shopper writing in a language the knowledge has no translations for: the assistant answers in
 * English, and a person can help (a quick reply). The catalogue languages take theirs from the catalogue; these are
 * the others the detector commonly sees.
 */
export interface EnglishOnlyNote {
  text: string;
  talkToPerson: string;
  continueInEnglish: string;
}

/** Notes in languages without a full catalogue (ISO 639-1 keys). */
export const ENGLISH_ONLY_NOTES: Readonly<Record<string, EnglishOnlyNote>> = Object.freeze({
  it: {
    text: "Per ora posso rispondere solo in inglese. Puoi continuare a scrivermi in inglese, oppure posso metterti in contatto con una persona del nostro team.",
    talkToPerson: "Parla con una persona",
    continueInEnglish: "Continua in inglese",
  },
  pt: {
    text: "Por enquanto só consigo responder em inglês. Você pode continuar escrevendo em inglês ou posso colocar você em contato com uma pessoa da nossa equipe.",
    talkToPerson: "Falar com uma pessoa",
    continueInEnglish: "Continuar em inglês",
  },
  nl: {
    text: "Ik kan voorlopig alleen in het Engels antwoorden. Je kunt me gewoon in het Engels blijven schrijven, of ik breng je in contact met iemand van ons team.",
    talkToPerson: "Met een medewerker praten",
    continueInEnglish: "Verder in het Engels",
  },
  pl: {
    text: "Na razie mogę odpowiadać tylko po angielsku. Możesz dalej pisać do mnie po angielsku albo mogę połączyć Cię z osobą z naszego zespołu.",
    talkToPerson: "Porozmawiaj z konsultantem",
    continueInEnglish: "Kontynuuj po angielsku",
  },
  ja: {
    text: "申し訳ありませんが、現在は英語でのみお答えできます。このまま英語でご質問いただくか、担当スタッフにおつなぎすることもできます。",
    talkToPerson: "担当者と話す",
    continueInEnglish: "英語で続ける",
  },
  ko: {
    text: "죄송하지만 지금은 영어로만 답변할 수 있습니다. 영어로 계속 문의하시거나, 원하시면 상담원을 연결해 드릴게요.",
    talkToPerson: "상담원 연결",
    continueInEnglish: "영어로 계속하기",
  },
  ru: {
    text: "Пока я могу отвечать только на английском. Вы можете продолжить писать мне по-английски, или я соединю вас с сотрудником нашей команды.",
    talkToPerson: "Связаться с сотрудником",
    continueInEnglish: "Продолжить на английском",
  },
  tr: {
    text: "Şimdilik yalnızca İngilizce yanıt verebiliyorum. Bana İngilizce yazmaya devam edebilir ya da ekibimizden biriyle görüşmek isteyebilirsiniz.",
    talkToPerson: "Bir temsilciyle görüş",
    continueInEnglish: "İngilizce devam et",
  },
  sv: {
    text: "Just nu kan jag bara svara på engelska. Du kan fortsätta skriva till mig på engelska, eller så kopplar jag dig till någon i vårt team.",
    talkToPerson: "Prata med en person",
    continueInEnglish: "Fortsätt på engelska",
  },
  ar: {
    text: "حاليًا يمكنني الرد باللغة الإنجليزية فقط. يمكنك مواصلة الكتابة إليّ بالإنجليزية، أو يمكنني تحويلك إلى أحد أفراد فريقنا.",
    talkToPerson: "التحدث إلى موظف",
    continueInEnglish: "المتابعة بالإنجليزية",
  },
});
