/** The task list: every part of the application with its status, and the resume link. */
import type { TaskId, TaskStatus } from '../../../../domain/application/index.ts';
import { Button, type FieldError, NotificationBanner, TaskList, TextInput } from '../../../views/form.tsx';
import { messageFor, type WizardContext, WizardPage } from '../frame.tsx';

const TASK_LINKS: Record<TaskId, string> = {
  persons: '/antrag/personen',
  representative: '/antrag/vertretung',
  reasons: '/antrag/begruendung',
  evidence: '/antrag/nachweise',
  checkAnswers: '/antrag/pruefen',
};

export function statusText(ctx: WizardContext, status: TaskStatus): string {
  const { w } = ctx;
  return {
    not_started: w('statusNotStarted'),
    in_progress: w('statusInProgress'),
    completed: w('statusCompleted'),
    cannot_start_yet: w('statusCannotStartYet'),
  }[status];
}

export function TasksPage({
  ctx,
  status,
  resumeLink,
  keptUntil,
  email,
  errors = [],
  mailed = false,
}: {
  ctx: WizardContext;
  status: Record<TaskId, TaskStatus>;
  resumeLink: string;
  keptUntil: string;
  email?: string;
  errors?: FieldError[];
  mailed?: boolean;
}) {
  const { w } = ctx;
  const titles: Record<TaskId, [string, string | undefined]> = {
    persons: [w('taskPersons'), w('taskPersonsHint')],
    representative: [w('taskRepresentative'), w('taskRepresentativeHint')],
    reasons: [w('taskReasons'), w('taskReasonsHint')],
    evidence: [w('taskEvidence'), w('taskEvidenceHint')],
    checkAnswers: [w('taskCheck'), undefined],
  };
  const ids = Object.keys(TASK_LINKS) as TaskId[];
  const done = ids.filter((id) => id !== 'checkAnswers' && status[id] === 'completed').length;
  return (
    <WizardPage
      ctx={ctx}
      title={w('tasksTitle')}
      errors={errors}
      notice={
        mailed ? (
          <NotificationBanner kind="success" title={w('resumeEmailSent')}>
            <p class="kern-body">{w('resumeEmailSent')}</p>
          </NotificationBanner>
        ) : null
      }
    >
      <h1 class="kern-heading-x-large">{w('tasksTitle')}</h1>
      <p class="kern-body">{w('tasksLead')}</p>
      <p class="kern-body">
        <strong>{w('tasksProgress', { done, total: ids.length - 1 })}</strong>
      </p>
      <TaskList
        items={ids.map((id) => ({
          id: `task-${id}`,
          title: titles[id][0],
          ...(titles[id][1] ? { hint: titles[id][1] } : {}),
          ...(status[id] === 'cannot_start_yet' ? {} : { href: TASK_LINKS[id] }),
          status: status[id],
          statusText: statusText(ctx, status[id]),
        }))}
      />
      <section class="app-resume" aria-labelledby="resume-title">
        <h2 class="kern-heading-medium" id="resume-title">
          {w('resumeTitle')}
        </h2>
        <p class="kern-body">{w('resumeLead')}</p>
        <p class="kern-body app-resume__link">
          <code id="resume-link">{resumeLink}</code>
        </p>
        <p class="kern-body">{w('resumeKeptUntil', { date: keptUntil })}</p>
        <p class="kern-body">{w('resumePrint')}</p>
        <form method="post" action="/antrag/link-senden" novalidate>
          <TextInput
            id="email"
            name="email"
            type="email"
            autocomplete="email"
            spellcheck={false}
            label={w('resumeEmailLabel')}
            hint={w('resumeEmailHint')}
            value={email}
            error={messageFor(errors, 'email')}
            errorPrefix={w('errorPrefix')}
          />
          <Button variant="secondary">{w('resumeEmailButton')}</Button>
        </form>
      </section>
    </WizardPage>
  );
}
