/**
 * The minutes of a session in German, as the content of a PDF: date, place and chair; the
 * attendance of members and deputies; the quorum; per agenda item the decision with the vote counts
 * (never who voted how), the reasons of a request, an adjournment's reason, a recommendation; and
 * the approval. A draft (before approval) is marked as such.
 */
import type { Letterhead } from '../../content/letters/letterhead.ts';
import { STATE_LABELS } from '../../content/messages/office/de.ts';
import {
  FUNCTION_LABELS,
  minutesTexts as m,
  majorityText,
  OUTCOME_LABELS,
  quorumText,
} from '../../content/messages/sessions/de.ts';
import { isCaseState } from '../domain/case/index.ts';
import { germanDate } from './drafts.ts';
import { germanDateTime } from './receipts.ts';
import type { MinutesFacts } from './sessions.ts';
import { sessionDateText } from './sessions.ts';

type Block =
  | { kind: 'definitions'; pairs: [string, string][] }
  | {
      kind: 'table';
      columns: { header: string; width: number; align?: 'left' | 'right' }[];
      rows: string[][];
    }
  | { kind: 'paragraph'; text: string; style?: 'normal' | 'small' | 'bold' }
  | { kind: 'heading'; text: string };

export interface MinutesDocument {
  title: string;
  subject: string;
  createdAt: Date;
  officeName: string;
  letterheadLines: string[];
  runningHeader: string;
  footerNote: string;
  heading: string;
  mark?: string;
  sections: { heading: string; blocks: Block[] }[];
}

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));

/** The minutes' content; `now` dates a draft (an approved one is dated by its approval). */
export function composeMinutes(
  facts: MinutesFacts,
  options: { draft: boolean; letterhead: Letterhead; now: Date },
): MinutesDocument {
  const { session, seats, present, quorum, agenda, profile } = facts;
  const here = new Set(present);
  const day = germanDate(session.startsAt);
  const attendance: string[][] = seats.flatMap((seat) => [
    [
      seat.member.name,
      FUNCTION_LABELS.member,
      seat.member.nominatedBy,
      here.has(seat.member.id) ? m.present : m.absent,
    ],
    ...(seat.deputy
      ? [
          [
            seat.deputy.name,
            `${FUNCTION_LABELS.deputy} für ${seat.member.name}`,
            seat.deputy.nominatedBy,
            here.has(seat.deputy.id) ? m.present : m.absent,
          ],
        ]
      : []),
  ]);
  const items = agenda.filter((i) => i.active || i.decision);
  const itemBlocks = agenda.flatMap((item, index): Block[] => {
    const head: Block = {
      kind: 'heading',
      text: fill(m.item, { n: index + 1, caseNumber: item.caseNumber }),
    };
    const persons: [string, string] = [m.persons, item.personNames.join(', ')];
    const decision = item.decision;
    if (!item.active && !decision) {
      const state = isCaseState(item.caseState) ? STATE_LABELS[item.caseState] : item.caseState;
      return [head, { kind: 'definitions', pairs: [persons, [m.outcome, fill(m.removed, { state })]] }];
    }
    if (!decision) return [head, { kind: 'definitions', pairs: [persons, [m.outcome, m.noDecision]] }];
    if (decision.outcome === 'adjourned') {
      return [
        head,
        {
          kind: 'definitions',
          pairs: [persons, [m.outcome, OUTCOME_LABELS.adjourned], [m.adjournReasons, decision.reasons ?? '']],
        },
      ];
    }
    const v = decision.votes;
    const pairs: [string, string][] = [
      persons,
      [m.outcome, OUTCOME_LABELS[decision.outcome]],
      [
        m.votes,
        fill(m.votesLine, {
          yes: v.yes,
          no: v.no,
          abstain: v.abstain,
          notCast: v.notCast,
          present: v.present,
          required: decision.requiredYes,
        }),
      ],
    ];
    const blocks: Block[] = [head, { kind: 'definitions', pairs }];
    if (decision.reasons)
      blocks.push(
        { kind: 'paragraph', text: `${m.reasons}:` },
        { kind: 'paragraph', text: decision.reasons },
      );
    const r = decision.recommendation;
    if (r) {
      blocks.push(
        { kind: 'paragraph', text: `${m.recommendation}:` },
        { kind: 'paragraph', text: r.text },
        {
          kind: 'definitions',
          pairs: [
            [
              m.recommendationVotes,
              fill(m.votesLine, {
                yes: r.votes.yes,
                no: r.votes.no,
                abstain: r.votes.abstain,
                notCast: r.votes.notCast,
                present: r.votes.present,
                required: r.requiredYes,
              }),
            ],
            [m.recommendationResult, r.adopted ? m.adopted : m.rejected],
          ],
        },
      );
    }
    return blocks;
  });
  const createdAt = session.approvedAt ?? options.now;
  return {
    title: `${m.title} vom ${day}`,
    subject: m.subject,
    createdAt,
    officeName: options.letterhead.officeName,
    letterheadLines: [...options.letterhead.lines],
    runningHeader: `${m.title} vom ${day}${options.draft ? ` · ${m.draftMark}` : ''}`,
    footerNote: m.footer,
    heading: `${m.title} am ${day}`,
    ...(options.draft ? { mark: m.draftMark } : {}),
    sections: [
      {
        heading: m.title,
        blocks: [
          {
            kind: 'definitions',
            pairs: [
              [m.date, sessionDateText(session.startsAt)],
              [m.place, session.place],
              [m.chair, session.chairName],
            ],
          },
          { kind: 'paragraph', text: m.confidential, style: 'small' },
        ],
      },
      {
        heading: m.attendance,
        blocks:
          attendance.length > 0
            ? [
                {
                  kind: 'table',
                  columns: [
                    { header: m.colName, width: 3 },
                    { header: m.colFunction, width: 3 },
                    { header: m.colNominatedBy, width: 3 },
                    { header: m.colPresent, width: 1.5 },
                  ],
                  rows: attendance,
                },
              ]
            : [{ kind: 'paragraph', text: m.noSeats }],
      },
      {
        heading: m.quorum,
        blocks: [
          {
            kind: 'definitions',
            pairs: [
              [m.quorumRule, quorumText(profile.quorum)],
              ...(quorum
                ? ([
                    [m.quorumSeated, String(quorum.seated)],
                    [m.quorumPresent, String(quorum.present)],
                    [m.quorumRequired, String(quorum.required)],
                    [m.quorumResult, quorum.quorate ? m.quorate : m.notQuorate],
                  ] as [string, string][])
                : ([[m.quorumResult, m.noSeats]] as [string, string][])),
              [m.majority, majorityText(profile.hardshipRequestMajority)],
            ],
          },
        ],
      },
      {
        heading: m.agenda,
        blocks: items.length + itemBlocks.length > 0 ? itemBlocks : [{ kind: 'paragraph', text: '–' }],
      },
      {
        heading: m.approval,
        blocks: [
          {
            kind: 'definitions',
            pairs: session.approvedAt
              ? [
                  [m.approvedBy, session.chairName],
                  [m.approvedAt, germanDateTime(session.approvedAt)],
                ]
              : [[m.approvedAt, m.notApproved]],
          },
        ],
      },
    ],
  };
}
