/** The widget's strings, Spanish and English (the channel's `language`, or the visitor's browser for `auto`). */
const es = {
  open: 'Abrir chat',
  close: 'Cerrar chat',
  title: 'Chat',
  placeholder: 'Escribe un mensaje…',
  send: 'Enviar',
  attach: 'Adjuntar archivo',
  emoji: 'Insertar emoji',
  name: 'Nombre',
  email: 'Correo electrónico',
  phone: 'Teléfono',
  optional: '(opcional)',
  start: 'Comenzar chat',
  prechatIntro: 'Antes de empezar, cuéntanos quién eres.',
  required: 'Este campo es obligatorio.',
  badEmail: 'Escribe un correo válido, por ejemplo ana@ejemplo.com.',
  badPhone: 'Escribe un teléfono válido.',
  typing: 'Escribiendo…',
  read: 'Leído',
  sending: 'Enviando…',
  retrying: 'Sin enviar; lo reintentaremos.',
  offline: 'Sin conexión. Reconectando…',
  fileTooBig: 'El archivo supera los 10 MB.',
  fileType: 'Este tipo de archivo no se puede enviar.',
  error: 'Algo salió mal. Inténtalo de nuevo.',
  unread: 'mensajes sin leer',
};
export type Strings = typeof es;

const en: Strings = {
  open: 'Open chat',
  close: 'Close chat',
  title: 'Chat',
  placeholder: 'Write a message…',
  send: 'Send',
  attach: 'Attach a file',
  emoji: 'Insert emoji',
  name: 'Name',
  email: 'Email',
  phone: 'Phone',
  optional: '(optional)',
  start: 'Start chat',
  prechatIntro: 'Before we start, tell us who you are.',
  required: 'This field is required.',
  badEmail: 'Enter a valid email, for example ana@example.com.',
  badPhone: 'Enter a valid phone number.',
  typing: 'Typing…',
  read: 'Read',
  sending: 'Sending…',
  retrying: 'Not sent yet; we will retry.',
  offline: 'Offline. Reconnecting…',
  fileTooBig: 'The file is larger than 10 MB.',
  fileType: 'This type of file cannot be sent.',
  error: 'Something went wrong. Please try again.',
  unread: 'unread messages',
};

export function stringsFor(language: 'auto' | 'es' | 'en'): { lang: 'es' | 'en'; t: Strings } {
  const lang = language === 'auto' ? (navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en') : language;
  return { lang, t: lang === 'es' ? es : en };
}
