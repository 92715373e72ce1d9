/** Check your answers, submit, and the confirmation with the case number. */
import type { ComponentChildren } from 'preact';
import type { DraftDocument } from '../../../../application/ports.ts';
import {
  type Draft,
  type Missing,
  personDisplayName,
  REASON_TEXT_TITLES,
  REASON_TEXTS,
} from '../../../../domain/application/index.ts';
import type { ApplicantStage } from '../../../../domain/case/index.ts';
import type { EvidenceItem } from '../../../../domain/evidence/index.ts';
import {
  Button,
  ButtonGroup,
  type FieldError,
  Fieldset,
  NotificationBanner,
  Panel,
  SummaryList,
  TextArea,
} from '../../../views/form.tsx';
import { summaryTarget, type WizardContext, WizardPage } from '../frame.tsx';
import { personRows } from './persons.tsx';

const TASK_HREF: Record<string, string> = {
  persons: '/antrag/personen',
  representative: '/antrag/vertretung',
  reasons: '/antrag/begruendung',
  evidence: '/antrag/nachweise',
  checkAnswers: '/antrag/pruefen',
};

export function CheckPage({
  ctx,
  draft,
  items,
  documents,
  missing,
  nationalityLabel,
}: {
  ctx: WizardContext;
  draft: Draft;
  items: readonly EvidenceItem[];
  documents: readonly DraftDocument[];
  missing: readonly Missing[];
  nationalityLabel: (code: string) => string;
}) {
  const { w } = ctx;
  const change = (href: string, what: string) => ({ href, text: w('checkChange'), visuallyHiddenText: what });
  const rep = draft.representative;
  const repValue =
    rep.kind === 'none'
      ? w('checkRepresentativeNone')
      : rep.kind === 'person'
        ? `${rep.givenNames ?? ''} ${rep.familyName ?? ''}`.trim()
        : rep.kind === 'organisation'
          ? `${rep.organisationName ?? ''} (${rep.contactPerson ?? ''})`
          : w('checkNoAnswer');
  const blocking = missing.filter((m) => m.task !== 'checkAnswers');
  const statusLabel = (s: string | undefined) =>
    s === 'provided'
      ? w('ev_provided')
      : s === 'to_follow'
        ? w('ev_to_follow')
        : s === 'not_available'
          ? w('ev_not_available')
          : w('checkNoAnswer');
  return (
    <WizardPage ctx={ctx} title={w('checkTitle')} back="/antrag/uebersicht">
      <h1 class="kern-heading-x-large">{w('checkTitle')}</h1>
      {blocking.length > 0 ? (
        <div class="app-missing" role="alert" aria-labelledby="missing-title">
          <h2 class="kern-heading-medium" id="missing-title">
            {w('checkMissingTitle')}
          </h2>
          <ul class="kern-list">
            {blocking.map((m) => (
              <li key={m.task}>
                <a class="kern-link" href={TASK_HREF[m.task] ?? '/antrag/uebersicht'}>
                  {m.message}
                </a>
                {m.errors.length > 0 ? (
                  <ul class="kern-list">
                    {m.errors.slice(0, 5).map((e) => (
                      <li key={e.path}>{e.message}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p class="kern-body">{w('checkLead')}</p>
      )}
      <h2 class="kern-heading-medium">{w('taskPersons')}</h2>
      <SummaryList rows={personRows(ctx, draft.persons, nationalityLabel)} />
      <h2 class="kern-heading-medium">{w('taskRepresentative')}</h2>
      <SummaryList
        rows={[
          {
            key: w('representativeKind'),
            value: repValue,
            change: change('/antrag/vertretung', w('taskRepresentative')),
          },
        ]}
      />
      <h2 class="kern-heading-medium">{w('taskReasons')}</h2>
      <SummaryList
        rows={REASON_TEXTS.map((key) => ({
          key: REASON_TEXT_TITLES[key],
          value: <span class="app-pre-wrap">{draft.reasons[key] || w('checkNoAnswer')}</span>,
          change: change('/antrag/begruendung/texte', REASON_TEXT_TITLES[key]),
        }))}
      />
      <h2 class="kern-heading-medium">{w('taskEvidence')}</h2>
      <SummaryList
        rows={items.map((item) => {
          const n = documents.filter((d) => d.evidenceItem === item.id).length;
          return {
            key: item.title,
            value: `${statusLabel(draft.evidence[item.id]?.status)}${n > 0 ? ` – ${w('checkDocuments', { n })}` : ''}`,
            change: change('/antrag/nachweise', item.title),
          };
        })}
      />
      {blocking.length === 0 ? (
        <form method="post" action="/antrag/absenden">
          <Fieldset legend={w('checkDeclarationTitle')}>
            <p class="kern-body">{w('checkDeclaration')}</p>
          </Fieldset>
          <Button>{w('checkSubmit')}</Button>
        </form>
      ) : null}
    </WizardPage>
  );
}

export function ConfirmationPage({
  ctx,
  caseNumber,
  stage,
  receiptReady,
  mailed,
  persons,
  justSubmitted,
  requests = [],
  errors = [],
  notice,
  messages,
}: {
  ctx: WizardContext;
  caseNumber: string;
  stage: ApplicantStage;
  receiptReady: boolean;
  mailed: boolean;
  persons: readonly { givenNames?: string; familyName?: string }[];
  justSubmitted: boolean;
  /** Open requests of the office for documents. */
  requests?: readonly { id: string; text: string; dueOn: string }[];
  /** Errors of the message form, for the error summary. */
  errors?: readonly FieldError[];
  /** A banner under the error summary (a new message of the office). */
  notice?: ComponentChildren;
  /** The message thread with the office. */
  messages?: ComponentChildren;
}) {
  const { w } = ctx;
  const ended = ['not_taken_up', 'closed', 'withdrawn', 'settled_otherwise'].includes(stage);
  return (
    <WizardPage
      ctx={ctx}
      title={justSubmitted ? w('confirmationTitle') : w('statusTitle')}
      errors={errors}
      notice={notice}
    >
      {justSubmitted ? (
        <Panel title={w('confirmationTitle')}>
          {w('confirmationCaseNumber')}
          <br />
          <strong id="case-number">{caseNumber}</strong>
        </Panel>
      ) : (
        <>
          <h1 class="kern-heading-x-large">{w('statusTitle')}</h1>
          <p class="kern-body">
            {w('confirmationCaseNumber')}: <strong id="case-number">{caseNumber}</strong>
          </p>
        </>
      )}
      <p class="kern-body">{persons.map((p) => personDisplayName(p)).join(', ')}</p>
      <h2 class="kern-heading-medium">{w('stageHeading')}</h2>
      <p class="kern-body" id="stage">
        {w(`stage_${stage}`)}
      </p>
      {justSubmitted ? <p class="kern-body">{w('confirmationText')}</p> : null}
      {requests.length > 0 ? (
        <NotificationBanner kind="warning" title={w('requestsTitle')} id="requests">
          <ul class="kern-list">
            {requests.map((r) => (
              <li key={r.id}>
                <span class="app-pre-wrap">{r.text}</span> –{' '}
                {w('requestDue', { date: r.dueOn.split('-').reverse().join('.') })}
              </li>
            ))}
          </ul>
          <p class="kern-body">
            <a class="kern-link" href="/antrag/nachreichen">
              {w('laterLink')}
            </a>
          </p>
        </NotificationBanner>
      ) : null}
      {receiptReady ? (
        <p class="kern-body">
          <a class="kern-link" href="/antrag/eingangsbestaetigung.pdf" download>
            {w('confirmationReceipt')}
          </a>
        </p>
      ) : (
        <NotificationBanner kind="info" title={w('confirmationReceipt')}>
          <p class="kern-body">{w('confirmationReceiptPending')}</p>
        </NotificationBanner>
      )}
      {mailed ? <p class="kern-body">{w('confirmationMailed')}</p> : null}
      {ended ? null : (
        <>
          <h2 class="kern-heading-medium">{w('confirmationNextTitle')}</h2>
          <ul class="kern-list">
            <li>{w('confirmationNext1')}</li>
            <li>{w('confirmationNext2')}</li>
            <li>{w('confirmationNext3')}</li>
          </ul>
          <p class="kern-body">
            <a class="kern-link" href="/antrag/nachreichen">
              {w('laterLink')}
            </a>
          </p>
          <p class="kern-body">
            <a class="kern-link" href="/antrag/zuruecknehmen">
              {w('withdrawLink')}
            </a>
          </p>
        </>
      )}
      {messages}
    </WizardPage>
  );
}

export function WithdrawPage({
  ctx,
  caseNumber,
  version,
}: {
  ctx: WizardContext;
  caseNumber: string;
  version: number;
}) {
  const { w } = ctx;
  return (
    <WizardPage ctx={ctx} title={w('withdrawTitle')} back="/antrag/bestaetigung">
      <h1 class="kern-heading-x-large">{w('withdrawTitle')}</h1>
      <p class="kern-body">
        {w('confirmationCaseNumber')}: <strong>{caseNumber}</strong>
      </p>
      <p class="kern-body">{w('withdrawText')}</p>
      <form method="post" action="/antrag/zuruecknehmen" novalidate>
        <input type="hidden" name="version" value={String(version)} />
        <TextArea id="note" name="note" label={w('withdrawNote')} rows={3} />
        <ButtonGroup>
          <Button variant="primary">{w('withdrawConfirm')}</Button>
          <Button variant="secondary" href="/antrag/bestaetigung">
            {w('withdrawCancel')}
          </Button>
        </ButtonGroup>
      </form>
    </WizardPage>
  );
}

export { summaryTarget };
