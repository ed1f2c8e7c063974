import { GraphRefusal } from '../graph';
import { html, type Html } from '../html';
import { label, type Label } from '../i18n';
import { definePage, type PageContext } from '../page';
import {
  IMPACT,
  reachOperation,
  REQUEST_PAGE,
  type ImpactView,
  type RequestView,
} from '../queries/requests';
import { stepForms } from '../requests/forms';
import {
  DISPUTE_STAGES,
  EVENT_KINDS,
  METHODS,
  named,
  REFUSAL_REASONS,
  REQUEST_STATES,
} from '../requests/labels';
import { isPending, offeredSteps, partiesOf, requestNumber } from '../requests/steps';
import { clock } from '../requests/table';

/** The days of denied attempts the impact preview counts. */
export const IMPACT_DAYS = 30;

/**
 * One sharing request: what it asks and why (purpose, legal basis, scope, period), where it
 * stands on its working-day clock, its hash-chained timeline, for a pending request the
 * impact preview, and a form for each step the viewer's department may take now.
 */
export const requestPage = definePage({
  path: '/request',
  title: { zh: '共享申请', en: 'Sharing request' },
  roles: ['sharing-agency', 'data-authority'],
  nav: false,
  async render(context) {
    const number = requestNumber(context.url.searchParams.get('number'));
    const { sharingRequest: r } = await context.graph<{ sharingRequest: RequestView | null }>(
      REQUEST_PAGE,
      { number },
    );
    if (!r) throw new RangeError(`No sharing request ${number} is open to you.`);
    const parties = partiesOf(context.session.viewer, r);
    const reviews = parties.includes('provider') || parties.includes('authority');
    const impact = isPending(r.state) && reviews ? await impactOf(context, number) : null;
    return html`<h2>
        ${r.number} · <span class="status">${label(named(REQUEST_STATES, r.state))}</span>
      </h2>
      ${facts(r)} ${fieldsTable(r)} ${impact}
      <section aria-labelledby="steps">
        <h2 id="steps">${label({ zh: '办理', en: 'Steps' })}</h2>
        ${stepForms(r, offeredSteps(parties, r))}
      </section>
      ${timeline(r)}`;
  },
});

function facts(r: RequestView): Html {
  const row = (name: Label, value: unknown) =>
    html`<tr>
      <th scope="row">${label(name)}</th>
      <td>${value}</td>
    </tr>`;
  return html`<table class="facts">
    ${row({ zh: '申请方', en: 'Requester' }, `${r.requester} / ${r.requesterRole} · ${r.requestedBy}`)}
    ${row({ zh: '提供方', en: 'Provider' }, r.provider)}
    ${row({ zh: '用途', en: 'Purpose' }, r.purpose)}
    ${row({ zh: '使用依据', en: 'Legal basis' }, r.legalBasis)}
    ${row({ zh: '使用场景', en: 'Scenario' }, r.scenario)}
    ${row({ zh: '使用范围', en: 'Scope' }, r.scope)}
    ${row({ zh: '共享方式', en: 'Method' }, label(named(METHODS, r.method)))}
    ${row({ zh: '使用时限', en: 'Period ends' }, r.periodEnd)}
    ${row({ zh: '负责人同意文件', en: 'Agency head’s consent' }, r.consent)}
    ${row({ zh: '共享类型', en: 'Sharing class' }, r.sharingClass)}
    ${row({ zh: '提交时间', en: 'Submitted (UTC)' }, r.submittedAt.slice(0, 16).replace('T', ' '))}
    ${row({ zh: '答复期限', en: 'Reply due' }, clock(r))}
    ${r.extensionDays !== null && row({ zh: '延期', en: 'Extension' }, `${r.extensionDays} 个工作日 working days`)}
    ${r.returned && row({ zh: '退回补正', en: 'Returned, missing' }, (r.missing ?? []).join('；'))}
    ${r.refusalReason && row({ zh: '不予共享理由', en: 'Refusal' }, html`${label(named(REFUSAL_REASONS, r.refusalReason))} <code>${r.refusalReason}</code> · ${r.refusalExplanation ?? ''}`)}
    ${r.shareBy && row({ zh: '共享期限（20个工作日）', en: 'Share by (20 working days)' }, r.shareBy)}
    ${r.grantId && row({ zh: '授权与政策版本', en: 'Grant and revision' }, html`<code>${r.grantId}</code> @ ${r.revision}`)}
    ${r.disputeStage && row({ zh: '争议阶段', en: 'Dispute' }, label(named(DISPUTE_STAGES, r.disputeStage)))}
    ${r.disposalDue && row({ zh: '处置', en: 'Disposal' }, html`<strong class="broken">${label({ zh: '待处置', en: 'due' })}</strong>`)}
    ${r.rows.length > 0 && row({ zh: '行范围', en: 'Rows' }, r.rows.map((c) => `${c.type}.${c.field} = ${c.value ?? ''}`).join('; '))}
  </table>`;
}

function fieldsTable(r: RequestView): Html {
  const approved = new Map((r.approvedFields ?? []).map((f) => [f.coordinate, f.access]));
  return html`<table class="fields">
    <caption>
      ${label({ zh: '数据项', en: 'Fields' })}
    </caption>
    <thead>
      <tr>
        <th scope="col">${label({ zh: '数据项', en: 'Field' })}</th>
        <th scope="col">${label({ zh: '申请', en: 'Asked' })}</th>
        <th scope="col">${label({ zh: '批准', en: 'Approved' })}</th>
      </tr>
    </thead>
    <tbody>
      ${r.fields.map(
        (f) =>
          html`<tr>
            <td><code>${f.coordinate}</code></td>
            <td>${f.access}</td>
            <td>${r.approvedFields ? (approved.get(f.coordinate) ?? '—') : ''}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** The impact preview, or the graph's refusal of it in its place. */
async function impactOf(context: PageContext, number: string): Promise<Html> {
  let impact: ImpactView | null;
  try {
    ({ sharingImpact: impact } = await context.graph<{ sharingImpact: ImpactView | null }>(IMPACT, {
      number,
      days: IMPACT_DAYS,
    }));
  } catch (error) {
    if (!(error instanceof GraphRefusal)) throw error;
    return html`<p class="problem" role="alert">
      ${label({ zh: '影响预览被拒绝', en: 'The impact preview was refused' })}:
      ${error.errors.map((e) => html`<code>${e.extensions?.code ?? 'ERROR'}</code> ${e.message} `)}
    </p>`;
  }
  if (!impact) return html``;
  return html`<section aria-labelledby="impact" class="impact">
    <h2 id="impact">${label({ zh: '批准影响预览', en: 'Impact of approving' })}</h2>
    ${await personsOf(context, impact)}
    <p>
      ${label({ zh: `近 ${IMPACT_DAYS} 天申请方被拒绝、批准后将可读取的尝试`, en: `Denied attempts in the last ${IMPACT_DAYS} days it would have opened` })}:
      <strong class="denied-attempts">${impact.deniedAttempts}</strong>
    </p>
    <h3>${label({ zh: '新开放的数据项', en: 'Fields it opens' })}</h3>
    ${
      impact.opens.length
        ? html`<ul class="opens">
            ${impact.opens.map((f) => html`<li><code>${f}</code></li>`)}
          </ul>`
        : html`<p>
            ${label({ zh: '没有新开放的数据项。', en: 'None: the role can read them already.' })}
          </p>`
    }
    <h3>${label({ zh: '与现行政策的差异', en: 'Policy diff against the live revision' })}</h3>
    <ul class="diff">
      ${impact.diff.map((line) => html`<li><code>${line}</code></li>`)}
    </ul>
  </section>`;
}

/** The provider's count of the persons the draft opens, or why it is not shown. */
async function personsOf(context: PageContext, impact: ImpactView): Promise<Html> {
  const title = label({
    zh: '批准后范围内的人数（提供方按草案授权计数）',
    en: 'Distinct persons within the draft’s scope (counted by the provider)',
  });
  const operation = reachOperation(impact.reachField);
  if (!operation) return html`<p>${title}: —</p>`;
  try {
    const { persons } = await context.graph<{ persons: number }>(operation, {
      fields: impact.fields,
      rows: impact.rows,
    });
    return html`<p>${title}: <strong class="persons">${persons}</strong></p>`;
  } catch (error) {
    if (!(error instanceof GraphRefusal)) throw error;
    return html`<p class="problem" role="alert">
      ${title}:
      ${error.errors.map((e) => html`<code>${e.extensions?.code ?? 'ERROR'}</code> ${e.message} `)}
    </p>`;
  }
}

function timeline(r: RequestView): Html {
  return html`<h2>${label({ zh: '办理记录（哈希链）', en: 'Timeline (hash-chained)' })}</h2>
    <table class="timeline">
      <thead>
        <tr>
          <th scope="col" class="num">#</th>
          <th scope="col">${label({ zh: '步骤', en: 'Step' })}</th>
          <th scope="col">${label({ zh: '办理人', en: 'By' })}</th>
          <th scope="col">${label({ zh: '时间', en: 'At (UTC)' })}</th>
          <th scope="col">${label({ zh: '内容', en: 'Details' })}</th>
          <th scope="col">${label({ zh: '哈希', en: 'Hash ← previous' })}</th>
        </tr>
      </thead>
      <tbody>
        ${r.timeline.map(
          (e) =>
            html`<tr data-event="${e.kind}">
              <td class="num">${e.seq}</td>
              <td>${label(named(EVENT_KINDS, e.kind))}</td>
              <td>${e.actorDepartment} · ${e.actor}</td>
              <td>${e.at.slice(0, 19).replace('T', ' ')}</td>
              <td><code class="detail">${e.detail}</code></td>
              <td>
                <code title="${e.hash}">${e.hash.slice(0, 12)}</code> ←
                <code title="${e.prevHash}">${e.prevHash.slice(0, 12)}</code>
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}
