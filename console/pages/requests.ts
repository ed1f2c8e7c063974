import { html } from '../html';
import { label, zh } from '../i18n';
import { definePage } from '../page';
import { REQUESTS, type RequestRow } from '../queries/requests';
import { named, REQUEST_STATES } from '../requests/labels';
import { requestsTable } from '../requests/table';
import { CONSOLE_PATH } from '../session';

/** Requests a page of the inbox shows. */
export const INBOX_PAGE_SIZE = 20;
/** The overdue list is read whole, up to this many (the graph's largest page). */
const OVERDUE_LIST_LIMIT = 5000;

const SIDES = {
  PROVIDER: { zh: '待我方答复（提供方）', en: 'For our data (provider)' },
  REQUESTER: { zh: '我方提出（申请方）', en: 'Filed by us (requester)' },
  AUTHORITY: { zh: '全部申请（数据主管部门）', en: 'Every request (data authority)' },
};

/**
 * Issue 16 item 5: the sharing-request inboxes. A sharing agency sees its department's two
 * sides (the requests for its data, those it filed); the data authority every request. Each
 * row carries its working-day clock; overdue rows are marked; filters by state and overdue.
 */
export const requestsPage = definePage({
  path: '/requests',
  title: { zh: '共享申请收件箱', en: 'Sharing requests' },
  roles: ['sharing-agency', 'data-authority'],
  async render({ url, graph, role }) {
    const params = url.searchParams;
    const sides =
      role === 'data-authority' ? (['AUTHORITY'] as const) : (['PROVIDER', 'REQUESTER'] as const);
    const side = sides.find((s) => s === params.get('side')) ?? sides[0];
    const state = params.get('state') || null;
    if (state !== null && !(state in REQUEST_STATES))
      throw new RangeError('No such request state.');
    const overdue = params.get('overdue') === 'true' ? true : null;
    const pageParam = params.get('page') ?? '1';
    if (!/^[1-9]\d{0,4}$/.test(pageParam)) throw new RangeError('A page is a whole number from 1.');
    const page = Number(pageParam);
    // The graph filters overdue after its page: the console takes the whole overdue list (at
    // most the graph's largest page), counts it, and pages it itself when that filter is on.
    const offset = (page - 1) * INBOX_PAGE_SIZE;
    const list = (variables: Record<string, unknown>) =>
      graph<{ sharingRequests: RequestRow[] }>(REQUESTS, { role: side, state, ...variables });
    const late = (await list({ overdue: true, limit: OVERDUE_LIST_LIMIT })).sharingRequests;
    const sharingRequests = overdue
      ? late.slice(offset, offset + INBOX_PAGE_SIZE)
      : (await list({ limit: INBOX_PAGE_SIZE, offset })).sharingRequests;
    const link = (to: number) => {
      const next = new URLSearchParams({
        side,
        ...(state && { state }),
        ...(overdue && { overdue: 'true' }),
      });
      next.set('page', String(to));
      return `${CONSOLE_PATH}/requests?${next}`;
    };
    return html`${
        sides.length > 1
          ? html`<nav aria-label="收件箱">
              <ul class="tabs">
                ${sides.map(
                  (s) =>
                    html`<li>
                      <a
                        href="${CONSOLE_PATH}/requests?side=${s}"
                        ${s === side ? html`aria-current="page"` : ''}
                        >${label(SIDES[s])}</a
                      >
                    </li>`,
                )}
              </ul>
            </nav>`
          : ''
      }
      <form class="filters" method="get" action="${CONSOLE_PATH}/requests">
        <input type="hidden" name="side" value="${side}" />
        <label
          >${label({ zh: '状态', en: 'State' })}
          <select name="state">
            <option value="">全部 all</option>
            ${Object.entries(REQUEST_STATES).map(
              ([code, l]) =>
                html`<option value="${code}" ${code === state ? html`selected` : ''}>
                  ${l.zh} ${code}
                </option>`,
            )}
          </select></label
        >
        <label class="choice"
          ><input type="checkbox" name="overdue" value="true" ${overdue ? html`checked` : ''} />
          ${label({ zh: '仅超期', en: 'overdue only' })}</label
        >
        <button type="submit">${zh({ zh: '筛选', en: 'Filter' })}</button>
      </form>
      <p class="${late.length ? 'broken' : 'ok'} overdue-count">
        <a href="${CONSOLE_PATH}/requests?side=${side}&amp;overdue=true"
          >${label({ zh: `超期未答复 ${late.length} 件`, en: `${late.length} past their reply deadline` })}</a
        >
      </p>
      ${
        role === 'sharing-agency'
          ? html`<p>
              <a href="${CONSOLE_PATH}/request/new"
                >${label({ zh: '提出新的共享申请', en: 'File a new request' })}</a
              >
            </p>`
          : ''
      }
      ${
        sharingRequests.length
          ? requestsTable(
              sharingRequests,
              html`${label(SIDES[side])}${state ? html` · ${label(named(REQUEST_STATES, state))}` : ''}
              · ${label({ zh: `第 ${page} 页`, en: `page ${page}` })}`,
            )
          : html`<p>${label({ zh: '没有申请。', en: 'No requests.' })}</p>`
      }
      <p class="pager">
        ${page > 1 ? html`<a href="${link(page - 1)}">${label({ zh: '上一页', en: 'previous' })}</a>` : ''}
        ${
          sharingRequests.length === INBOX_PAGE_SIZE
            ? html`<a href="${link(page + 1)}">${label({ zh: '下一页', en: 'next' })}</a>`
            : ''
        }
      </p>`;
  },
});
