import { html, type Html } from '../html';
import { EFFECTS, label, OUTCOMES, zh } from '../i18n';
import type { Hold, RecordRow } from '../queries/records';
import { CONSOLE_PATH } from '../session';

const HEADINGS = [
  { zh: '时间', en: 'time (UTC)' },
  { zh: '使用人', en: 'consumer' },
  { zh: '目的', en: 'purpose' },
  { zh: '案件编号', en: 'case' },
  { zh: '字段', en: 'fields' },
  { zh: '提供部门', en: 'providers' },
  { zh: '结果', en: 'outcome' },
  { zh: '政策版本', en: 'revision' },
  { zh: '涉及个人', en: 'persons' },
];

/** Access records as a table; with `holds`, a column saying which are held back from the citizen. */
export function recordsTable(records: readonly RecordRow[], holds?: readonly Hold[]): Html {
  if (records.length === 0)
    return html`<p>
      ${label({ zh: '没有符合条件的访问记录。', en: 'No access record matches.' })}
    </p>`;
  return html`<table class="records">
    <caption>
      ${label({ zh: '访问记录', en: 'Access records' })} (${records.length})
    </caption>
    <thead>
      <tr>
        ${HEADINGS.map((h) => html`<th scope="col">${label(h)}</th>`)}${holds && html`<th scope="col">${label({ zh: '暂缓告知', en: 'held from the citizen' })}</th>`}
      </tr>
    </thead>
    <tbody>
      ${records.map((r) => row(r, holds))}
    </tbody>
  </table>`;
}

function row(r: RecordRow, holds: readonly Hold[] | undefined): Html {
  const who = [r.consumer.department, r.consumer.role].filter(Boolean).join('/');
  return html`<tr data-record="${r.id}">
    <td><time datetime="${r.time}">${r.time.slice(0, 19).replace('T', ' ')}</time></td>
    <td>${who || r.consumer.kind}<br /><small>${r.consumer.id}</small></td>
    <td>${r.purpose ?? '—'}</td>
    <td>${r.caseNumber ?? '—'}</td>
    <td>
      ${r.fields.map(
        (f) =>
          html`<span class="field"
              >${f.coordinate}
              <small>${zh(EFFECTS[f.effect] ?? { zh: f.effect, en: f.effect })}</small></span
            ><br />`,
      )}
    </td>
    <td>${r.departments.join(', ')}</td>
    <td>${zh(OUTCOMES[r.outcome] ?? { zh: r.outcome, en: r.outcome })}</td>
    <td class="num">${r.policyRevision ?? '—'}</td>
    <td>
      ${r.subjects.map((s) => html`<a href="${CONSOLE_PATH}/person?id=${encodeURIComponent(s)}">${s}</a> `)}
    </td>
    ${holds && html`<td>${holdOf(r, holds)}</td>`}
  </tr>`;
}

function holdOf(r: RecordRow, holds: readonly Hold[]): Html {
  const hold = holds.find(
    (h) => h.recordId === r.id || (h.caseNumber !== null && h.caseNumber === r.caseNumber),
  );
  if (!hold) return html`—`;
  return html`<span class="held"
    >${zh({ zh: '暂缓至', en: 'held until' })}
    <time datetime="${hold.hiddenUntil}">${hold.hiddenUntil.slice(0, 10)}</time
    >：${hold.reason}</span
  >`;
}

/** Links to the first and the next page, keeping the criteria. */
export function pager(path: string, params: URLSearchParams, next: string | null): Html {
  const after = new URLSearchParams(params);
  const first = new URLSearchParams(params);
  first.delete('after');
  if (next) after.set('after', next);
  return html`<p class="pager">
    ${params.has('after') && html`<a href="${CONSOLE_PATH}${path}?${first.toString()}">${zh({ zh: '第一页', en: 'first page' })}</a>`}
    ${next && html`<a rel="next" href="${CONSOLE_PATH}${path}?${after.toString()}">${zh({ zh: '下一页', en: 'next page' })}</a>`}
  </p>`;
}

/** Links to the export of the same criteria, in both formats. */
export function exportLinks(params: URLSearchParams): Html {
  const link = (format: string) => {
    const query = new URLSearchParams(params);
    query.delete('after');
    query.set('format', format);
    return `${CONSOLE_PATH}/records/export?${query.toString()}`;
  };
  return html`<p class="exports">
    ${label({ zh: '导出（含哈希链证明）', en: 'Export with the chain proof' })}:
    <a href="${link('csv')}" download>CSV</a> · <a href="${link('jsonl')}" download>JSON Lines</a>
  </p>`;
}
