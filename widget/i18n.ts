/**
 * The widget's own words in English, Spanish, German, French and Simplified Chinese, the choice of
 * language (`data-locale`, then the browser's languages) and Intl formatting of prices and times.
 * Message text from the server is shown as sent; only the widget's interface is translated here.
 */

/** Languages the widget's interface is translated into. */
export type WidgetLanguage = "en" | "es" | "de" | "fr" | "zh";

const EN = {
  title: "Chat with us",
  dialog: "{title} chat",
  assistantSub: "Virtual assistant",
  openChat: "Open chat",
  openChatUnread: "Open chat, {n} unread",
  closeChat: "Close chat",
  hint: "Ask about orders, shipping, returns or gear.",
  messages: "Messages",
  typing: "{who} is typing",
  you: "You",
  assistant: "Assistant",
  agent: "Agent",
  anAgent: "an agent",
  notice: "Notice",
  chatEnded: "This conversation has ended.",
  newChat: "Start a new chat",
  rateChat: "How was this chat?",
  good: "Good",
  bad: "Bad",
  rateGood: "Rate this chat good",
  rateBad: "Rate this chat bad",
  thanksRating: "Thanks for rating this chat",
  placeholder: "Type your message…",
  closedPlaceholder: "This chat has ended",
  message: "Message",
  send: "Send",
  sending: "Sending…",
  notSent: "Not sent",
  source: "Source: {list}",
  helpful: "Helpful?",
  yes: "Yes",
  no: "No",
  yesHelpful: "Yes, helpful",
  notHelpful: "No, not helpful",
  thanksFeedback: "Thanks for the feedback",
  queued: "Waiting for an agent",
  queuedAt: "Waiting for an agent · you're #{n} in line",
  queueNote: "You're in the queue for a person from our team.",
  queueNoteAt: "You're in the queue for a person from our team. You're number {n} in line.",
  chattingWith: "Chatting with {name}",
  closedState: "Conversation closed",
  connecting: "Connecting…",
  offline: "You're offline. Reconnecting…",
  errRateLimited: "You're sending messages quickly. Please wait a moment and try again.",
  errClosed: "This conversation has ended. Start a new chat to continue.",
  errBusy: "Our chat is very busy right now. We'll keep trying to connect.",
  errNotReady: "The assistant is starting up. Please try again in a moment.",
  errSignature: "We couldn't verify your account, so order details aren't available in this chat.",
  errOther: "Sorry, that didn't go through: {message}",
  tooLong: "Messages can be up to {max} characters.",
  counter: "{n} of {max} characters",
  over: "{n} characters over the limit",
  products: "Products",
  previous: "Previous products",
  next: "Next products",
  inStock: "In stock",
  lowStock: "Only a few left",
  outOfStock: "Out of stock",
  option: "Option",
  addToCart: "Add to cart",
  added: "Added",
  addedTo: "{name} was added to your cart.",
  addFailed: "Sorry, {name} couldn't be added to your cart.",
  voice: "Speak your message",
  stopVoice: "Stop listening",
  listening: "Listening…",
  voiceDenied: "Microphone access was denied. Allow it in your browser to speak your message.",
  voiceNoSpeech: "I didn't hear anything. Try again.",
  voiceFailed: "Voice input isn't working right now. Please type your message.",
  readAloud: "Read replies aloud",
};

/** Every string the widget shows, by key; `{name}` marks a value filled in by `format`. */
export type WidgetStrings = typeof EN;

const ES: WidgetStrings = {
  title: "Chatea con nosotros",
  dialog: "Chat de {title}",
  assistantSub: "Asistente virtual",
  openChat: "Abrir el chat",
  openChatUnread: "Abrir el chat, {n} sin leer",
  closeChat: "Cerrar el chat",
  hint: "Pregunta por pedidos, envíos, devoluciones o equipamiento.",
  messages: "Mensajes",
  typing: "{who} está escribiendo",
  you: "Tú",
  assistant: "Asistente",
  agent: "Agente",
  anAgent: "un agente",
  notice: "Aviso",
  chatEnded: "Esta conversación ha terminado.",
  newChat: "Iniciar un chat nuevo",
  rateChat: "¿Qué tal ha ido este chat?",
  good: "Bien",
  bad: "Mal",
  rateGood: "Valorar este chat como bueno",
  rateBad: "Valorar este chat como malo",
  thanksRating: "Gracias por valorar este chat",
  placeholder: "Escribe tu mensaje…",
  closedPlaceholder: "Este chat ha terminado",
  message: "Mensaje",
  send: "Enviar",
  sending: "Enviando…",
  notSent: "No enviado",
  source: "Fuente: {list}",
  helpful: "¿Te ha sido útil?",
  yes: "Sí",
  no: "No",
  yesHelpful: "Sí, útil",
  notHelpful: "No, no ha sido útil",
  thanksFeedback: "Gracias por tu opinión",
  queued: "Esperando a un agente",
  queuedAt: "Esperando a un agente · eres el n.º {n} de la cola",
  queueNote: "Estás en la cola para hablar con una persona de nuestro equipo.",
  queueNoteAt: "Estás en la cola para hablar con una persona de nuestro equipo. Eres el n.º {n}.",
  chattingWith: "Hablando con {name}",
  closedState: "Conversación cerrada",
  connecting: "Conectando…",
  offline: "Sin conexión. Reconectando…",
  errRateLimited: "Estás enviando mensajes muy rápido. Espera un momento y vuelve a intentarlo.",
  errClosed: "Esta conversación ha terminado. Inicia un chat nuevo para continuar.",
  errBusy: "Nuestro chat está muy ocupado. Seguiremos intentando conectar.",
  errNotReady: "El asistente se está iniciando. Inténtalo de nuevo en un momento.",
  errSignature: "No hemos podido verificar tu cuenta, así que los datos de pedidos no están disponibles en este chat.",
  errOther: "Lo sentimos, no se ha podido enviar: {message}",
  tooLong: "Los mensajes pueden tener como máximo {max} caracteres.",
  counter: "{n} de {max} caracteres",
  over: "{n} caracteres por encima del límite",
  products: "Productos",
  previous: "Productos anteriores",
  next: "Más productos",
  inStock: "En stock",
  lowStock: "Quedan pocas unidades",
  outOfStock: "Agotado",
  option: "Opción",
  addToCart: "Añadir al carrito",
  added: "Añadido",
  addedTo: "{name} se ha añadido a tu carrito.",
  addFailed: "Lo sentimos, no se ha podido añadir {name} a tu carrito.",
  voice: "Dictar tu mensaje",
  stopVoice: "Dejar de escuchar",
  listening: "Escuchando…",
  voiceDenied: "Se ha denegado el acceso al micrófono. Permítelo en tu navegador para dictar tu mensaje.",
  voiceNoSpeech: "No he oído nada. Inténtalo de nuevo.",
  voiceFailed: "El dictado no funciona ahora mismo. Escribe tu mensaje, por favor.",
  readAloud: "Leer las respuestas en voz alta",
};

const DE: WidgetStrings = {
  title: "Chatten Sie mit uns",
  dialog: "Chat mit {title}",
  assistantSub: "Virtueller Assistent",
  openChat: "Chat öffnen",
  openChatUnread: "Chat öffnen, {n} ungelesen",
  closeChat: "Chat schließen",
  hint: "Fragen Sie zu Bestellungen, Versand, Rücksendungen oder Ausrüstung.",
  messages: "Nachrichten",
  typing: "{who} schreibt",
  you: "Sie",
  assistant: "Assistent",
  agent: "Mitarbeiter",
  anAgent: "einem Mitarbeiter",
  notice: "Hinweis",
  chatEnded: "Dieses Gespräch ist beendet.",
  newChat: "Neuen Chat beginnen",
  rateChat: "Wie war dieser Chat?",
  good: "Gut",
  bad: "Schlecht",
  rateGood: "Diesen Chat als gut bewerten",
  rateBad: "Diesen Chat als schlecht bewerten",
  thanksRating: "Danke für Ihre Bewertung",
  placeholder: "Nachricht eingeben…",
  closedPlaceholder: "Dieser Chat ist beendet",
  message: "Nachricht",
  send: "Senden",
  sending: "Wird gesendet…",
  notSent: "Nicht gesendet",
  source: "Quelle: {list}",
  helpful: "Hilfreich?",
  yes: "Ja",
  no: "Nein",
  yesHelpful: "Ja, hilfreich",
  notHelpful: "Nein, nicht hilfreich",
  thanksFeedback: "Danke für Ihr Feedback",
  queued: "Warten auf einen Mitarbeiter",
  queuedAt: "Warten auf einen Mitarbeiter · Sie sind Nr. {n} in der Warteschlange",
  queueNote: "Sie sind in der Warteschlange für eine Person aus unserem Team.",
  queueNoteAt: "Sie sind in der Warteschlange für eine Person aus unserem Team. Sie sind Nr. {n}.",
  chattingWith: "Im Chat mit {name}",
  closedState: "Gespräch beendet",
  connecting: "Verbindung wird hergestellt…",
  offline: "Sie sind offline. Neuer Verbindungsversuch…",
  errRateLimited: "Sie senden sehr schnell. Bitte warten Sie einen Moment und versuchen Sie es erneut.",
  errClosed: "Dieses Gespräch ist beendet. Beginnen Sie einen neuen Chat, um fortzufahren.",
  errBusy: "Unser Chat ist gerade stark ausgelastet. Wir versuchen weiter, eine Verbindung herzustellen.",
  errNotReady: "Der Assistent startet gerade. Bitte versuchen Sie es gleich noch einmal.",
  errSignature: "Wir konnten Ihr Konto nicht bestätigen, daher sind Bestelldaten in diesem Chat nicht verfügbar.",
  errOther: "Das hat leider nicht geklappt: {message}",
  tooLong: "Nachrichten dürfen höchstens {max} Zeichen lang sein.",
  counter: "{n} von {max} Zeichen",
  over: "{n} Zeichen über dem Limit",
  products: "Produkte",
  previous: "Vorherige Produkte",
  next: "Weitere Produkte",
  inStock: "Auf Lager",
  lowStock: "Nur noch wenige verfügbar",
  outOfStock: "Ausverkauft",
  option: "Variante",
  addToCart: "In den Warenkorb",
  added: "Hinzugefügt",
  addedTo: "{name} liegt jetzt in Ihrem Warenkorb.",
  addFailed: "{name} konnte leider nicht in den Warenkorb gelegt werden.",
  voice: "Nachricht sprechen",
  stopVoice: "Zuhören beenden",
  listening: "Ich höre zu…",
  voiceDenied: "Der Zugriff auf das Mikrofon wurde verweigert. Erlauben Sie ihn im Browser, um Ihre Nachricht zu sprechen.",
  voiceNoSpeech: "Ich habe nichts gehört. Bitte versuchen Sie es noch einmal.",
  voiceFailed: "Die Spracheingabe funktioniert gerade nicht. Bitte tippen Sie Ihre Nachricht.",
  readAloud: "Antworten vorlesen",
};

const FR: WidgetStrings = {
  title: "Discutez avec nous",
  dialog: "Chat {title}",
  assistantSub: "Assistant virtuel",
  openChat: "Ouvrir le chat",
  openChatUnread: "Ouvrir le chat, {n} non lus",
  closeChat: "Fermer le chat",
  hint: "Posez vos questions sur les commandes, la livraison, les retours ou le matériel.",
  messages: "Messages",
  typing: "{who} est en train d’écrire",
  you: "Vous",
  assistant: "Assistant",
  agent: "Conseiller",
  anAgent: "un conseiller",
  notice: "Information",
  chatEnded: "Cette conversation est terminée.",
  newChat: "Démarrer un nouveau chat",
  rateChat: "Comment s’est passé ce chat ?",
  good: "Bien",
  bad: "Mal",
  rateGood: "Noter ce chat comme bon",
  rateBad: "Noter ce chat comme mauvais",
  thanksRating: "Merci d’avoir noté ce chat",
  placeholder: "Écrivez votre message…",
  closedPlaceholder: "Ce chat est terminé",
  message: "Message",
  send: "Envoyer",
  sending: "Envoi…",
  notSent: "Non envoyé",
  source: "Source : {list}",
  helpful: "Utile ?",
  yes: "Oui",
  no: "Non",
  yesHelpful: "Oui, utile",
  notHelpful: "Non, pas utile",
  thanksFeedback: "Merci pour votre avis",
  queued: "En attente d’un conseiller",
  queuedAt: "En attente d’un conseiller · vous êtes n° {n} dans la file",
  queueNote: "Vous êtes dans la file d’attente pour parler à une personne de notre équipe.",
  queueNoteAt: "Vous êtes dans la file d’attente pour parler à une personne de notre équipe. Vous êtes n° {n}.",
  chattingWith: "En conversation avec {name}",
  closedState: "Conversation terminée",
  connecting: "Connexion…",
  offline: "Vous êtes hors ligne. Reconnexion…",
  errRateLimited: "Vous envoyez des messages très vite. Patientez un instant puis réessayez.",
  errClosed: "Cette conversation est terminée. Démarrez un nouveau chat pour continuer.",
  errBusy: "Notre chat est très sollicité. Nous continuons d’essayer de vous connecter.",
  errNotReady: "L’assistant démarre. Réessayez dans un instant.",
  errSignature: "Nous n’avons pas pu vérifier votre compte : les détails des commandes ne sont pas disponibles dans ce chat.",
  errOther: "Désolé, l’envoi a échoué : {message}",
  tooLong: "Les messages peuvent contenir au maximum {max} caractères.",
  counter: "{n} caractères sur {max}",
  over: "{n} caractères de trop",
  products: "Produits",
  previous: "Produits précédents",
  next: "Produits suivants",
  inStock: "En stock",
  lowStock: "Plus que quelques-uns",
  outOfStock: "En rupture de stock",
  option: "Option",
  addToCart: "Ajouter au panier",
  added: "Ajouté",
  addedTo: "{name} a été ajouté à votre panier.",
  addFailed: "Désolé, {name} n’a pas pu être ajouté à votre panier.",
  voice: "Dicter votre message",
  stopVoice: "Arrêter l’écoute",
  listening: "À l’écoute…",
  voiceDenied: "L’accès au micro a été refusé. Autorisez-le dans votre navigateur pour dicter votre message.",
  voiceNoSpeech: "Je n’ai rien entendu. Réessayez.",
  voiceFailed: "La saisie vocale ne fonctionne pas pour le moment. Merci d’écrire votre message.",
  readAloud: "Lire les réponses à voix haute",
};

const ZH: WidgetStrings = {
  title: "在线咨询",
  dialog: "{title} 在线聊天",
  assistantSub: "智能助手",
  openChat: "打开聊天",
  openChatUnread: "打开聊天，{n} 条未读",
  closeChat: "关闭聊天",
  hint: "可以咨询订单、配送、退货或装备。",
  messages: "消息",
  typing: "{who}正在输入",
  you: "你",
  assistant: "助手",
  agent: "客服",
  anAgent: "客服",
  notice: "通知",
  chatEnded: "本次对话已结束。",
  newChat: "开始新的对话",
  rateChat: "这次聊天体验如何？",
  good: "满意",
  bad: "不满意",
  rateGood: "评价本次聊天为满意",
  rateBad: "评价本次聊天为不满意",
  thanksRating: "感谢你的评价",
  placeholder: "输入消息…",
  closedPlaceholder: "本次聊天已结束",
  message: "消息",
  send: "发送",
  sending: "发送中…",
  notSent: "未发送",
  source: "来源：{list}",
  helpful: "有帮助吗？",
  yes: "有",
  no: "没有",
  yesHelpful: "有帮助",
  notHelpful: "没有帮助",
  thanksFeedback: "感谢你的反馈",
  queued: "正在等待客服",
  queuedAt: "正在等待客服 · 你排在第 {n} 位",
  queueNote: "你正在排队等待我们的人工客服。",
  queueNoteAt: "你正在排队等待我们的人工客服，当前排在第 {n} 位。",
  chattingWith: "正在与{name}聊天",
  closedState: "对话已结束",
  connecting: "正在连接…",
  offline: "网络已断开，正在重新连接…",
  errRateLimited: "你发送得太快了，请稍后再试。",
  errClosed: "本次对话已结束，请开始新的对话。",
  errBusy: "当前咨询量较大，我们会继续尝试连接。",
  errNotReady: "助手正在启动，请稍后再试。",
  errSignature: "无法验证你的账户，因此本次聊天无法查看订单详情。",
  errOther: "抱歉，发送失败：{message}",
  tooLong: "每条消息最多 {max} 个字符。",
  counter: "{n} / {max} 个字符",
  over: "超出限制 {n} 个字符",
  products: "商品",
  previous: "上一组商品",
  next: "更多商品",
  inStock: "有货",
  lowStock: "库存紧张",
  outOfStock: "缺货",
  option: "规格",
  addToCart: "加入购物车",
  added: "已加入",
  addedTo: "{name} 已加入购物车。",
  addFailed: "抱歉，{name} 未能加入购物车。",
  voice: "语音输入",
  stopVoice: "停止聆听",
  listening: "正在聆听…",
  voiceDenied: "麦克风权限被拒绝。请在浏览器中允许使用麦克风后再语音输入。",
  voiceNoSpeech: "没有听到声音，请再试一次。",
  voiceFailed: "语音输入暂时无法使用，请直接输入文字。",
  readAloud: "朗读回复",
};

/** The widget's strings per language. */
export const WIDGET_STRINGS: Readonly<Record<WidgetLanguage, WidgetStrings>> = { en: EN, es: ES, de: DE, fr: FR, zh: ZH };

/** The language the interface uses, and the shopper's locale tag (sent in `hello.locale`, used for Intl). */
export interface LocaleChoice {
  language: WidgetLanguage;
  /** The shopper's BCP 47 tag as given (canonicalised), e.g. `es-MX`; may be a language the interface lacks. */
  locale: string;
  /** The tag used for Intl formatting: `locale` when it is in `language`, else `language`. */
  formatLocale: string;
}

function canonical(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag.trim())[0];
  } catch {
    // Not a valid BCP 47 tag (e.g. "english"): skip it.
    return undefined;
  }
}

/**
 * Chooses the interface language from the page's request (`data-locale` or `boot({ locale })`), then the
 * browser's languages, falling back to English; the shopper's locale is the first valid tag given.
 * @example pickLocale("es-MX", ["en-US"]) // { language: "es", locale: "es-MX", formatLocale: "es-MX" }
 */
export function pickLocale(requested: string | undefined, browser: readonly string[]): LocaleChoice {
  const tags = [requested, ...browser].map((t) => (t ? canonical(t) : undefined)).filter((t): t is string => !!t);
  const locale = tags[0] ?? "en";
  for (const tag of tags) {
    const primary = tag.split("-")[0].toLowerCase();
    if (primary in WIDGET_STRINGS) {
      const language = primary as WidgetLanguage;
      return { language, locale, formatLocale: locale.split("-")[0].toLowerCase() === language ? locale : language };
    }
  }
  return { language: "en", locale, formatLocale: "en" };
}

/**
 * Fills `{name}` placeholders of a string.
 * @example format("Open chat, {n} unread", { n: 3 }) // "Open chat, 3 unread"
 */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in values ? String(values[key]) : m));
}

/** Locale-aware formatting of the numbers and times the widget shows. */
export interface WidgetFormatter {
  /** A price in currency units (129.99), in ISO 4217 `currency` (default USD); "" for a non-number. */
  price(amount: number, currency?: string): string;
  /** A whole number with the locale's grouping (4,000 / 4.000). */
  count(n: number): string;
  /** A message time: the time of day today, else date and time; "" for an invalid date. */
  time(iso: string, now?: Date): string;
}

/**
 * Creates Intl formatters for `locale`, caching one NumberFormat per currency.
 * @example createFormatter("de-DE").price(1299, "EUR") // "1.299,00 €"
 */
export function createFormatter(locale: string): WidgetFormatter {
  const money = new Map<string, Intl.NumberFormat>();
  const whole = new Intl.NumberFormat(locale);
  const clock = new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit" });
  const dated = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
  return {
    price(amount, currency = "USD") {
      if (!Number.isFinite(amount)) return "";
      const code = /^[A-Za-z]{3}$/.test(currency) ? currency.toUpperCase() : "USD";
      let f = money.get(code);
      if (!f) {
        f = new Intl.NumberFormat(locale, { style: "currency", currency: code });
        money.set(code, f);
      }
      return f.format(amount);
    },
    count: (n) => whole.format(n),
    time(iso, now = new Date()) {
      const d = new Date(iso);
      if (Number.isNaN(d.getTime())) return "";
      return d.toDateString() === now.toDateString() ? clock.format(d) : dated.format(d);
    },
  };
}
