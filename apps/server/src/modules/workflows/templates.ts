import {
  CSAT_FIELD,
  type WorkflowDraftInput as WorkflowDraft,
  type WorkflowStepInput as WorkflowStep,
  type WorkflowTemplate,
} from '@charla/contracts/workflows';

type Lang = 'es' | 'en';
type Texts = Record<Lang, string>;

const t = (lang: Lang, texts: Texts) => texts[lang];

const WELCOME: Texts = {
  es: '¡Hola $contact.firstname! Gracias por escribirnos. ¿En qué podemos ayudarte?',
  en: 'Hi $contact.firstname! Thanks for reaching out. How can we help?',
};
const THANKS: Texts = {
  es: 'Gracias. Un agente te atenderá en breve.',
  en: 'Thank you. An agent will be with you shortly.',
};

/** Welcome, then ask for `field` only when the contact has none (branch on "field exists" + Jump). */
function welcomeAndAsk(lang: Lang, field: 'email' | 'phone'): WorkflowDraft['graph'] {
  const ask: WorkflowStep =
    field === 'email'
      ? {
          id: 'ask_email',
          type: 'ask_question',
          label: t(lang, { es: 'Solicitar correo electrónico', en: 'Ask for email' }),
          text: t(lang, {
            es: '¿Cuál es tu correo electrónico? Así podremos identificarte.',
            en: 'What is your email address? It helps us identify you.',
          }),
          questionType: 'email',
          invalidMessage: t(lang, {
            es: 'Ese correo no parece válido. Escríbelo como nombre@ejemplo.com',
            en: 'That email does not look valid. Please write it as name@example.com',
          }),
          choices: [],
          dateFormat: 'DD/MM/YYYY',
          maxAttempts: 2,
          saveTo: { kind: 'field', field: 'email' },
          next: 'thanks',
          onInvalid: 'thanks',
          onTimeout: null,
          timeoutMinutes: 60 * 24,
        }
      : {
          id: 'ask_phone',
          type: 'ask_question',
          label: t(lang, { es: 'Solicitar número de teléfono', en: 'Ask for phone number' }),
          text: t(lang, {
            es: '¿Cuál es tu número de teléfono?',
            en: 'What is your phone number?',
          }),
          questionType: 'phone',
          invalidMessage: t(lang, {
            es: 'Ese número no parece válido. Inclúyelo con su lada o código de país.',
            en: 'That number does not look valid. Please include the area or country code.',
          }),
          choices: [],
          dateFormat: 'DD/MM/YYYY',
          maxAttempts: 2,
          saveTo: { kind: 'field', field: 'phone' },
          next: 'thanks',
          onInvalid: 'thanks',
          onTimeout: null,
          timeoutMinutes: 60 * 24,
        };
  return {
    start: 'welcome',
    steps: [
      { id: 'welcome', type: 'send_message', text: t(lang, WELCOME), buttons: [], next: 'check' },
      {
        id: 'check',
        type: 'branch',
        label: t(lang, { es: '¿Ya tenemos el dato?', en: 'Do we have it already?' }),
        branches: [
          {
            label: t(lang, { es: 'No existe', en: 'Does not exist' }),
            match: 'all',
            conditions: [{ subject: 'field', field, operator: 'not_exists' }],
            next: ask.id,
          },
        ],
        else: 'skip',
      },
      ask,
      {
        id: 'skip',
        type: 'jump',
        label: t(lang, { es: 'Omitir la pregunta', en: 'Skip the question' }),
        to: 'thanks',
      },
      { id: 'thanks', type: 'send_message', text: t(lang, THANKS), buttons: [], next: null },
    ],
    layout: {},
  };
}

/**
 * After a conversation closes: a 1–5 rating saved to the contact's `csat` field; a low one tags the contact
 * and leaves a note for the team. Sending the score on to Google Sheets or a CRM is a step the user adds.
 */
function csatGraph(lang: Lang): WorkflowDraft['graph'] {
  return {
    start: 'rate',
    steps: [
      {
        id: 'rate',
        type: 'ask_question',
        label: t(lang, { es: 'Pedir valoración', en: 'Ask for a rating' }),
        text: t(lang, {
          es: '¿Cómo valorarías la atención que recibiste? Responde con un número del 1 (mala) al 5 (excelente).',
          en: 'How would you rate the help you received? Reply with a number from 1 (poor) to 5 (excellent).',
        }),
        questionType: 'rating',
        invalidMessage: t(lang, {
          es: 'Responde solo con un número del 1 al 5, por favor.',
          en: 'Please reply with just a number from 1 to 5.',
        }),
        choices: [],
        dateFormat: 'DD/MM/YYYY',
        maxAttempts: 2,
        saveTo: { kind: 'field', field: CSAT_FIELD },
        next: 'low',
        onInvalid: null,
        onTimeout: null,
        timeoutMinutes: 60 * 24,
      },
      {
        id: 'low',
        type: 'branch',
        label: t(lang, { es: '¿Valoración baja?', en: 'Low rating?' }),
        branches: [
          {
            label: t(lang, { es: '1 o 2', en: '1 or 2' }),
            match: 'all',
            conditions: [{ subject: 'field', field: CSAT_FIELD, operator: 'less_than', value: '3' }],
            next: 'tag_low',
          },
        ],
        else: 'thanks',
      },
      { id: 'tag_low', type: 'update_tag', action: 'add', tags: ['csat-low'], next: 'note' },
      {
        id: 'note',
        type: 'add_comment',
        text: t(lang, {
          es: 'Valoración baja tras el cierre: conviene revisar la conversación.',
          en: 'Low rating after closing: the conversation is worth a review.',
        }),
        next: 'thanks',
      },
      {
        id: 'thanks',
        type: 'send_message',
        text: t(lang, { es: '¡Gracias por tu valoración!', en: 'Thank you for your rating!' }),
        buttons: [],
        next: null,
      },
    ],
    layout: {},
  };
}

const opened: WorkflowDraft['trigger'] = { type: 'conversation_opened', sources: ['contact'] };

function assignGraph(lang: Lang, strategy: 'round_robin' | 'least_open'): WorkflowDraft['graph'] {
  return {
    start: 'assign',
    steps: [
      {
        id: 'assign',
        type: 'assign',
        target: 'workspace',
        strategy,
        onlyOnline: true,
        queueMessage: t(lang, {
          es: 'Todos nuestros agentes están ocupados. Te atenderemos en cuanto uno quede libre.',
          en: 'All our agents are busy. We will be with you as soon as one is free.',
        }),
        next: null,
      },
    ],
    layout: {},
  };
}

/**
 * Asks which team the contact wants and assigns to it: one choice, branch and assign step per team (up to
 * nine, the branch limit); anything else goes to the whole workspace.
 */
function teamRouting(lang: Lang, teams: { id: number; name: string }[]): WorkflowDraft['graph'] {
  const routed = teams.slice(0, 9);
  const steps: WorkflowStep[] = [
    {
      id: 'ask',
      type: 'ask_question',
      text: t(lang, { es: '¿Con qué equipo quieres hablar?', en: 'Which team would you like to talk to?' }),
      questionType: routed.length > 0 ? 'multiple_choice' : 'text',
      choices: routed.map((team) => team.name.slice(0, 60)),
      dateFormat: 'DD/MM/YYYY',
      maxAttempts: 2,
      saveTo: { kind: 'variable', name: 'team' },
      next: routed.length > 0 ? 'route' : 'anyone',
      onInvalid: 'anyone',
    },
    { id: 'anyone', type: 'assign', target: 'workspace', strategy: 'round_robin', onlyOnline: true, next: null },
  ];
  if (routed.length > 0) {
    steps.push({
      id: 'route',
      type: 'branch',
      branches: routed.map((team) => ({
        label: team.name.slice(0, 60),
        match: 'all' as const,
        conditions: [{ subject: 'variable' as const, name: 'team', operator: 'equals' as const, value: team.name }],
        next: `team_${team.id}`,
      })),
      else: 'anyone',
    });
    for (const team of routed)
      steps.push({
        id: `team_${team.id}`,
        type: 'assign',
        target: 'team',
        teamId: team.id,
        strategy: 'round_robin',
        onlyOnline: true,
        next: null,
      });
  }
  return { start: 'ask', steps, layout: {} };
}

/** The templates a workflow can start from (Flujos → Agregar flujo → Plantillas), in the workspace's language. */
export function workflowFromTemplate(
  template: WorkflowTemplate,
  ctx: { lang: Lang; teams: { id: number; name: string }[] },
): WorkflowDraft {
  const { lang } = ctx;
  const draft = (
    name: Texts,
    graph: WorkflowDraft['graph'],
    trigger: WorkflowDraft['trigger'] = opened,
  ): WorkflowDraft => ({
    name: t(lang, name),
    trigger,
    settings: { oncePerContact: false, maxJumps: 50 },
    graph,
  });
  switch (template) {
    case 'welcome':
      return draft(
        { es: 'Mensaje de bienvenida', en: 'Welcome message' },
        {
          start: 'welcome',
          steps: [{ id: 'welcome', type: 'send_message', text: t(lang, WELCOME), buttons: [], next: null }],
          layout: {},
        },
      );
    case 'welcome-ask-email':
      return draft(
        { es: 'Mensaje de bienvenida y Solicitar correo electrónico', en: 'Welcome & ask for email' },
        welcomeAndAsk(lang, 'email'),
      );
    case 'welcome-ask-phone':
      return draft(
        {
          es: 'Mensaje de bienvenida y Solicitar número de teléfono',
          en: 'Welcome & ask for phone number',
        },
        welcomeAndAsk(lang, 'phone'),
      );
    case 'away-message':
      return draft(
        { es: 'Mensaje de ausencia', en: 'Away message' },
        {
          start: 'hours',
          steps: [
            { id: 'hours', type: 'date_time', mode: 'workspace', weekly: [], ranges: [], next: null, else: 'away' },
            {
              id: 'away',
              type: 'send_message',
              text: t(lang, {
                es: 'Gracias por escribirnos. Estamos fuera de horario; te responderemos en cuanto abramos.',
                en: 'Thanks for your message. We are closed now and will reply as soon as we open.',
              }),
              buttons: [],
              next: null,
            },
          ],
          layout: {},
        },
      );
    case 'agent-assigned':
      return draft(
        { es: 'Mensaje de agente asignado', en: 'Agent assigned message' },
        {
          start: 'assign',
          steps: [
            {
              id: 'assign',
              type: 'assign',
              target: 'workspace',
              strategy: 'round_robin',
              onlyOnline: true,
              next: 'tell',
            },
            {
              id: 'tell',
              type: 'send_message',
              text: t(lang, {
                es: 'Hola, soy $assignee.name y te atenderé hoy.',
                en: 'Hi, I am $assignee.name and I will help you today.',
              }),
              buttons: [],
              next: null,
            },
          ],
          layout: {},
        },
      );
    case 'agents-at-capacity': {
      const graph = assignGraph(lang, 'least_open');
      const step = graph.steps[0] as Extract<WorkflowStep, { type: 'assign' }>;
      step.maxOpen = 5;
      return draft({ es: 'Agentes con capacidad máxima', en: 'Agents at maximum capacity' }, graph);
    }
    case 'round-robin-sales':
      return draft(
        { es: 'Asignación round robin (ventas)', en: 'Round-robin assignment (sales)' },
        assignGraph(lang, 'round_robin'),
      );
    case 'least-open-support':
      return draft(
        { es: 'Asignación por menos contactos abiertos (soporte)', en: 'Least open contacts (support)' },
        assignGraph(lang, 'least_open'),
      );
    case 'team-routing':
      return draft({ es: 'Enrutamiento por equipo', en: 'Routing by team' }, teamRouting(lang, ctx.teams));
    case 'close-and-bot-on':
      return draft(
        { es: 'Cerrar conversación y reactivar el bot', en: 'Close conversation and turn the bot on' },
        {
          start: 'close',
          steps: [
            {
              id: 'close',
              type: 'close_conversation',
              category: t(lang, { es: 'Resuelto', en: 'Resolved' }),
              summary: t(lang, { es: 'Cerrada por el flujo', en: 'Closed by the workflow' }),
              resumeBot: true,
              next: null,
            },
          ],
          layout: {},
        },
        { type: 'shortcut' },
      );
    case 'mark-spam':
      return draft(
        { es: 'Marcar contacto como spam', en: 'Mark contact as spam' },
        {
          start: 'tag',
          steps: [
            { id: 'tag', type: 'update_tag', action: 'add', tags: ['spam'], next: 'block' },
            { id: 'block', type: 'block_contact', next: 'close' },
            {
              id: 'close',
              type: 'close_conversation',
              category: 'spam',
              summary: 'spam',
              resumeBot: false,
              next: null,
            },
          ],
          layout: {},
        },
        { type: 'shortcut' },
      );
    case 'csat':
      return draft(
        { es: 'Encuesta de satisfacción (CSAT) al cerrar', en: 'CSAT survey after closing' },
        csatGraph(lang),
        { type: 'conversation_closed', categories: [] },
      );
  }
}
