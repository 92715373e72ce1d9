/** Start page, non-binding self-check, and the pages for a missing, wrong or expired draft. */
import type { ExclusionGround } from '../../../../domain/rules/profile.ts';
import { Button, Details, InsetText, Radios } from '../../../views/form.tsx';
import { type WizardContext, WizardPage } from '../frame.tsx';

export function StartPage({ ctx }: { ctx: WizardContext }) {
  const { w } = ctx;
  return (
    <WizardPage ctx={ctx} title={w('startTitle')}>
      <h1 class="kern-heading-x-large">{w('startTitle')}</h1>
      <p class="kern-body kern-body--large">{w('startLead')}</p>
      <h2 class="kern-heading-medium">{w('startNeedTitle')}</h2>
      <ul class="kern-list">
        <li>{w('startNeed1')}</li>
        <li>{w('startNeed2')}</li>
        <li>{w('startNeed3')}</li>
      </ul>
      <h2 class="kern-heading-medium">{w('startSaveTitle')}</h2>
      <p class="kern-body">{w('startSave')}</p>
      <p class="kern-body">{w('startNoFee')}</p>
      <InsetText>{w('startNoProtection')}</InsetText>
      <p class="kern-body">{ctx.t('germanIsBinding')}</p>
      <form method="post" action="/antrag/beginnen">
        <Button>{w('startButton')}</Button>
      </form>
      <p class="kern-body">
        <a class="kern-link" href="/antrag/selbstcheck">
          {w('startSelfCheckLink')}
        </a>
      </p>
      <p class="kern-body">{w('startResumeHint')}</p>
    </WizardPage>
  );
}

export type SelfCheckAnswers = { obliged?: string; nrw?: string; present?: string };
const QUESTIONS = [
  ['obliged', 'selfCheckObliged'],
  ['nrw', 'selfCheckNrw'],
  ['present', 'selfCheckPresent'],
] as const;

function Grounds({ ctx, grounds }: { ctx: WizardContext; grounds: readonly ExclusionGround[] }) {
  const { w } = ctx;
  const list = (severity: ExclusionGround['severity']) => (
    <ul class="kern-list">
      {grounds
        .filter((g) => g.severity === severity)
        .map((g) => (
          <li key={g.id}>
            <strong>{g.title}</strong> ({g.legalReference}): {g.explanation}
          </li>
        ))}
    </ul>
  );
  return (
    <>
      <h2 class="kern-heading-medium">{w('selfCheckGroundsTitle')}</h2>
      <p class="kern-body">{w('selfCheckGroundsLead')}</p>
      <Details summary={w('selfCheckMandatory')}>{list('mandatory')}</Details>
      <Details summary={w('selfCheckAsARule')}>{list('as_a_rule')}</Details>
    </>
  );
}

/** The self-check: three questions, an explanation, never a barrier. */
export function SelfCheckPage({
  ctx,
  grounds,
  answers,
}: {
  ctx: WizardContext;
  grounds: readonly ExclusionGround[];
  answers: SelfCheckAnswers | null;
}) {
  const { w } = ctx;
  const values = answers ? QUESTIONS.map(([k]) => answers[k]) : [];
  const complete = answers !== null && values.every((v) => v === 'yes' || v === 'no' || v === 'unknown');
  const result = !complete
    ? null
    : values.includes('no')
      ? w('selfCheckSomeNo')
      : values.includes('unknown')
        ? w('selfCheckUnknown')
        : w('selfCheckAllYes');
  return (
    <WizardPage ctx={ctx} title={result ? w('selfCheckResultTitle') : w('selfCheckTitle')} back="/antrag">
      <h1 class="kern-heading-x-large">{w('selfCheckTitle')}</h1>
      {result ? (
        <div class="app-result" role="status">
          <h2 class="kern-heading-medium">{w('selfCheckResultTitle')}</h2>
          <p class="kern-body">{result}</p>
          <p class="kern-body">{w('selfCheckOnlyCommission')}</p>
          <form method="post" action="/antrag/beginnen">
            <Button>{w('startButton')}</Button>
          </form>
        </div>
      ) : (
        <p class="kern-body">{w('selfCheckLead')}</p>
      )}
      <form method="get" action="/antrag/selbstcheck">
        {QUESTIONS.map(([key, label]) => (
          <Radios
            key={key}
            id={`selfcheck-${key}`}
            name={key}
            legend={w(label)}
            value={answers?.[key]}
            options={[
              { value: 'yes', label: w('yes') },
              { value: 'no', label: w('no') },
              { value: 'unknown', label: w('dontKnow') },
            ]}
          />
        ))}
        <Button variant="secondary">{w('selfCheckButton')}</Button>
      </form>
      <Grounds ctx={ctx} grounds={grounds} />
      <p class="kern-body">{w('selfCheckOnlyCommission')}</p>
    </WizardPage>
  );
}

/** Wrong, expired or missing draft: a clear page and the way on. */
export function NoDraftPage({ ctx, kind }: { ctx: WizardContext; kind: 'not_found' | 'expired' | 'none' }) {
  const { w } = ctx;
  const [title, text] =
    kind === 'expired'
      ? [w('draftExpiredTitle'), w('draftExpiredText')]
      : kind === 'not_found'
        ? [w('draftNotFoundTitle'), w('draftNotFoundText')]
        : [w('noDraftTitle'), w('noDraftText')];
  return (
    <WizardPage ctx={ctx} title={title}>
      <h1 class="kern-heading-x-large">{title}</h1>
      <p class="kern-body">{text}</p>
      <form method="post" action="/antrag/beginnen">
        <Button>{w('startButton')}</Button>
      </form>
    </WizardPage>
  );
}
