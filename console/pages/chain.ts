import { html, type Html } from '../html';
import { label, zh } from '../i18n';
import { definePage, type PageContext } from '../page';
import { CHAIN, type ChainReport } from '../queries/records';
import { CONSOLE_PATH } from '../session';

const TITLE = { zh: '哈希链校验', en: 'Chain verification' };
const ROLES = ['privacy-officer', 'auditor'] as const;

/** Item 6: the form; "verify now" posts it. */
export const chainPage = definePage({
  path: '/chain',
  title: TITLE,
  roles: ROLES,
  async render({ url }) {
    return chainForm(url.searchParams.get('streamId') ?? '', url.searchParams.get('month') ?? '');
  },
});

/** Item 6: verify now, per stream and (optionally) one month, the first break named. */
export const verifyChainPage = definePage({
  path: '/chain',
  method: 'POST',
  title: TITLE,
  roles: ROLES,
  async render({ form, graph }: PageContext) {
    const streamId = form?.get('streamId')?.trim() ?? '';
    const month = form?.get('month')?.trim() ?? '';
    const verifiedAt = new Date().toISOString();
    const { accessRecordChain: chain } = await graph<ChainReport>(CHAIN, {
      streamId: streamId || undefined,
      month: month || undefined,
    });
    return html`${chainForm(streamId, month)}
      <section aria-live="polite">
        <h2>
          ${label({ zh: '校验结果', en: 'Result' })}
          <small
            ><time datetime="${verifiedAt}">${verifiedAt.slice(0, 19).replace('T', ' ')}Z</time
            >${month && ` · ${month}`}</small
          >
        </h2>
        ${
          chain.firstBreak
            ? html`<p class="broken" role="alert">
                ${zh({ zh: '哈希链断裂', en: 'Chain broken' })}：${chain.firstBreak.streamId}
                #${chain.firstBreak.seq} (${chain.firstBreak.recordId}) —
                ${chain.firstBreak.description}
              </p>`
            : html`<p class="ok">
                ${label({ zh: '所有哈希链完整', en: 'Every chain is whole' })}
                (${chain.streams.length})
              </p>`
        }
        ${streamsTable(chain.streams)}
      </section>`;
  },
});

function chainForm(streamId: string, month: string): Html {
  return html`<form class="filters" method="post" action="${CONSOLE_PATH}/chain">
    <label
      >${label({ zh: '写入流', en: 'stream (blank: every stream)' })}<input
        name="streamId"
        value="${streamId}"
    /></label>
    <label
      >${label({ zh: '月份', en: 'month, UTC (blank: whole chain)' })}<input
        name="month"
        type="month"
        value="${month}"
    /></label>
    <button type="submit">${zh({ zh: '立即校验', en: 'Verify now' })}</button>
  </form>`;
}

function streamsTable(streams: ChainReport['accessRecordChain']['streams']): Html {
  return html`<table>
    <caption>
      ${label({ zh: '各写入流', en: 'Streams' })}
    </caption>
    <thead>
      <tr>
        <th scope="col">${label({ zh: '写入流', en: 'stream' })}</th>
        <th scope="col" class="num">${label({ zh: '记录数', en: 'records' })}</th>
        <th scope="col" class="num">${label({ zh: '链头序号', en: 'head seq' })}</th>
        <th scope="col">${label({ zh: '链头哈希', en: 'head hash' })}</th>
        <th scope="col">${label({ zh: '状态', en: 'status' })}</th>
      </tr>
    </thead>
    <tbody>
      ${streams.map(
        (s) =>
          html`<tr data-stream="${s.streamId}">
            <td>${s.streamId}</td>
            <td class="num">${s.records}</td>
            <td class="num">${s.headSeq ?? '—'}</td>
            <td><code>${s.headHash?.slice(0, 16) ?? '—'}</code></td>
            <td>
              ${s.firstBreak ? html`<span class="broken">${zh({ zh: '断裂', en: 'broken' })} #${s.firstBreak.seq}: ${s.firstBreak.description}</span>` : html`<span class="ok">${zh({ zh: '完整', en: 'whole' })}</span>`}
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
