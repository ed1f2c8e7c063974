import { html, type Html } from '../html';
import { label, zh, type Label } from '../i18n';
import { definePage, type PageContext } from '../page';
import { REFUSALS, REQUESTS, type RequestRow } from '../queries/requests';
import { named, REFUSAL_REASONS } from '../requests/labels';
import { CONSOLE_PATH } from '../session';
import { NEAR_EXPIRY_DAYS } from './policy';

/** Refused requests read in pages of this size (each with its timeline: within an official's cost). */
const REFUSAL_PAGE = 400;
/** At most this many pages (a bound on one page view's work). */
const MAX_PAGES = 50;
/** Approved and suspended requests read at once (rows without lists: within the cost). */
const LIST_LIMIT = 5000;

interface Refusal {
  number: string;
  provider: string;
  requester: string;
  refusalReason: string | null;
  timeline: { kind: string; at: string }[];
}

/**
 * Issue 16 item 5: refusals by reason code and by provider over a period (the day of the
 * refusing reply, China Standard Time), and the approved rights near the end of their period.
 * The data authority counts every request; a sharing agency its department's side.
 */
export const requestStatisticsPage = definePage({
  path: '/requests/statistics',
  title: { zh: '不予共享统计', en: 'Refusal statistics' },
  roles: ['sharing-agency', 'data-authority'],
  async render(context) {
    const { url, role } = context;
    const side =
      role === 'data-authority'
        ? 'AUTHORITY'
        : url.searchParams.get('side') === 'REQUESTER'
          ? 'REQUESTER'
          : 'PROVIDER';
    const today = chinaDate(new Date());
    const from = dateParam(url.searchParams.get('from'), `${today.slice(0, 4)}-01-01`);
    const to = dateParam(url.searchParams.get('to'), today);
    const refusals = (await refused(context, side)).filter((r) => {
      const day = refusalDay(r);
      return day !== null && day >= from && day <= to;
    });
    const near = await nearExpiry(context, side, today);
    return html`<form class="filters" method="get" action="${CONSOLE_PATH}/requests/statistics">
        ${
          role === 'sharing-agency'
            ? html`<label
                >${label({ zh: '我方作为', en: 'Our side' })}
                <select name="side">
                  <option value="PROVIDER" ${side === 'PROVIDER' ? html`selected` : ''}>
                    提供方 provider
                  </option>
                  <option value="REQUESTER" ${side === 'REQUESTER' ? html`selected` : ''}>
                    申请方 requester
                  </option>
                </select></label
              >`
            : ''
        }
        <label
          >${label({ zh: '自', en: 'from' })}<input name="from" type="date" value="${from}"
        /></label>
        <label>${label({ zh: '至', en: 'to' })}<input name="to" type="date" value="${to}" /></label>
        <button type="submit">${zh({ zh: '统计', en: 'Count' })}</button>
      </form>
      <p>
        ${label({ zh: `${from} 至 ${to} 不予共享`, en: `Refusals ${from} to ${to}` })}:
        <strong class="refusal-total">${refusals.length}</strong>
      </p>
      ${countTable(
        'by-reason',
        { zh: '按理由', en: 'By reason code' },
        { zh: '理由', en: 'Reason' },
        tally(refusals.map((r) => r.refusalReason ?? 'OTHER')),
        (code) => html`${label(named(REFUSAL_REASONS, code))} <code>${code}</code>`,
      )}
      ${countTable(
        'by-provider',
        { zh: '按提供部门', en: 'By provider' },
        { zh: '提供部门', en: 'Provider' },
        tally(refusals.map((r) => r.provider)),
        (provider) => provider,
      )}
      ${refusalList(refusals)}
      <h2>
        ${label({ zh: `${NEAR_EXPIRY_DAYS} 天内到期的共享授权`, en: `Approved rights ending within ${NEAR_EXPIRY_DAYS} days` })}
      </h2>
      ${
        near.length
          ? html`<table class="expiring">
              <thead>
                <tr>
                  <th scope="col">${label({ zh: '编号', en: 'Number' })}</th>
                  <th scope="col">${label({ zh: '申请方', en: 'Requester' })}</th>
                  <th scope="col">${label({ zh: '提供方', en: 'Provider' })}</th>
                  <th scope="col">${label({ zh: '使用时限', en: 'Period ends' })}</th>
                </tr>
              </thead>
              <tbody>
                ${near.map(
                  (r) =>
                    html`<tr data-request="${r.number}">
                      <td><a href="${CONSOLE_PATH}/request?number=${r.number}">${r.number}</a></td>
                      <td>${r.requester} / ${r.requesterRole}</td>
                      <td>${r.provider}</td>
                      <td>${r.periodEnd}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p class="ok">${label({ zh: '没有即将到期的共享授权。', en: 'None.' })}</p>`
      }
      <p>
        ${label({ zh: '配额使用：数据图谱未向共享工作机构和数据主管部门提供授权的配额使用量，本页不显示。', en: 'Quota use: the graph does not offer grants’ quota use to sharing agencies or the data authority, so this page shows none.' })}
      </p>`;
  },
});

async function refused(context: PageContext, role: string): Promise<Refusal[]> {
  const all: Refusal[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const { sharingRequests } = await context.graph<{ sharingRequests: Refusal[] }>(REFUSALS, {
      role,
      limit: REFUSAL_PAGE,
      offset: page * REFUSAL_PAGE,
    });
    all.push(...sharingRequests);
    if (sharingRequests.length < REFUSAL_PAGE) break;
  }
  return all;
}

async function nearExpiry(context: PageContext, role: string, today: string) {
  const horizon = chinaDate(new Date(Date.parse(today) + NEAR_EXPIRY_DAYS * 86_400_000));
  const rows: RequestRow[] = [];
  for (const state of ['APPROVED', 'SUSPENDED']) {
    const { sharingRequests } = await context.graph<{ sharingRequests: RequestRow[] }>(REQUESTS, {
      role,
      state,
      limit: LIST_LIMIT,
    });
    rows.push(...sharingRequests.filter((r) => r.periodEnd <= horizon));
  }
  return rows.sort((a, b) => a.periodEnd.localeCompare(b.periodEnd));
}

/** The China Standard Time day of the last reply (the refusal). */
function refusalDay(r: Refusal): string | null {
  const reply = r.timeline.filter((e) => e.kind === 'reply').at(-1);
  return reply ? chinaDate(new Date(reply.at)) : null;
}

function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function dateParam(value: string | null, fallback: string): string {
  if (!value) return fallback;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
    throw new RangeError('A date is YYYY-MM-DD.');
  return value;
}

function tally(keys: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function countTable(
  id: string,
  caption: Label,
  head: Label,
  counts: [string, number][],
  name: (key: string) => unknown,
): Html {
  if (!counts.length) return html``;
  return html`${bars(counts, `${caption.zh} ${caption.en}`)}
    <table class="counts" id="${id}">
      <caption>
        ${label(caption)}
      </caption>
      <thead>
        <tr>
          <th scope="col">${label(head)}</th>
          <th scope="col" class="num">${label({ zh: '件数', en: 'Refusals' })}</th>
        </tr>
      </thead>
      <tbody>
        ${counts.map(
          ([key, count]) =>
            html`<tr data-key="${key}">
              <td>${name(key)}</td>
              <td class="num">${count}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

/** The refusals counted above, newest first: each count can be traced to its requests. */
function refusalList(refusals: Refusal[]): Html {
  if (!refusals.length) return html``;
  const rows = refusals
    .map((r) => ({ ...r, day: refusalDay(r)! }))
    .sort((a, b) => b.day.localeCompare(a.day) || b.number.localeCompare(a.number));
  return html`<table class="refusals" id="refusals">
    <caption>
      ${label({ zh: '计入统计的不予共享申请', en: 'The refusals counted' })}
    </caption>
    <thead>
      <tr>
        <th scope="col">${label({ zh: '编号', en: 'Number' })}</th>
        <th scope="col">${label({ zh: '申请方', en: 'Requester' })}</th>
        <th scope="col">${label({ zh: '提供方', en: 'Provider' })}</th>
        <th scope="col">${label({ zh: '理由', en: 'Reason' })}</th>
        <th scope="col">${label({ zh: '答复日', en: 'Replied' })}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) =>
          html`<tr data-request="${r.number}">
            <td><a href="${CONSOLE_PATH}/request?number=${r.number}">${r.number}</a></td>
            <td>${r.requester}</td>
            <td class="provider">${r.provider}</td>
            <td class="reason"><code>${r.refusalReason ?? 'OTHER'}</code></td>
            <td>${r.day}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** The counts as server-made SVG bars (no script, no chart library); the table says the same. */
function bars(counts: [string, number][], title: string): Html {
  const most = Math.max(1, ...counts.map(([, n]) => n));
  const row = 22;
  const height = counts.length * row + 4;
  return html`<svg
    class="chart"
    role="img"
    aria-label="${title}"
    width="480"
    height="${height}"
    viewBox="0 0 480 ${height}"
  >
    ${counts.map(([key, n], i) => {
      const width = Math.round((n / most) * 280);
      return html`<g
        ><text x="0" y="${i * row + 15}">${key}</text
        ><rect class="bar" x="160" y="${i * row + 3}" width="${width}" height="${row - 6}"
          ><title>${key}: ${n}</title></rect
        ><text x="${166 + width}" y="${i * row + 15}">${n}</text></g
      >`;
    })}
  </svg>`;
}
