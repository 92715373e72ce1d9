/** The office's view of what the immigration authority answered through its portal, in the case file. */
import type { ComponentChildren } from 'preact';
import { reportLabels as rl } from '../../../content/messages/authority/de.ts';
import type { AuthorityPortalUseCases } from '../../application/authority-portal.ts';
import type { Actor } from '../../domain/case/index.ts';
import { InsetText } from '../views/form.tsx';
import { ReportList, StatementSummary } from './pages.tsx';

/** The section for the office's case file; null when the actor may not see case files. */
export function officeAuthorityView(portal: AuthorityPortalUseCases) {
  return async (actor: Actor, caseId: string): Promise<ComponentChildren> => {
    const seen = await portal.forOffice(actor, caseId);
    if (!seen) return null;
    const { statements, reports } = seen;
    const latest = reports.at(-1);
    return (
      <section aria-labelledby="behoerde">
        <h2 class="kern-heading-large" id="behoerde">
          {rl.officeTitle}
        </h2>
        {statements.length === 0 && reports.length === 0 ? <p class="kern-body">{rl.officeNone}</p> : null}
        {statements.map((s, i) => (
          <section key={s.id} aria-labelledby={`behoerde-stellungnahme-${i}`}>
            <h3 class="kern-heading-small" id={`behoerde-stellungnahme-${i}`}>
              {rl.officeStatement}
            </h3>
            <StatementSummary statement={s} />
          </section>
        ))}
        {latest?.stage === 'intended' && latest.decision === 'refuse' ? (
          <InsetText>{rl.officeAnnounced}</InsetText>
        ) : null}
        {reports.length > 0 ? <ReportList reports={reports} /> : null}
      </section>
    );
  };
}
