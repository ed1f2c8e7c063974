import { html, type Html } from '../html';
import { label, zh, type Label } from '../i18n';
import { definePage } from '../page';
import {
  GRANT_QUOTA_USE,
  type GrantQuotaRow,
  POLICY_DIFF,
  POLICY_OVERVIEW,
  type PolicyChangeRow,
  POLICY_READERS,
  type PolicyOverview,
  type ReaderRow,
} from '../queries/policy';
import { CONSOLE_PATH } from '../session';
import { quotaTable } from './quota';

/** Grants whose last day is this close (or past) are listed as near expiry. */
export const NEAR_EXPIRY_DAYS = 90;

const CHANGES: Record<string, Label> = {
  opened: { zh: '开放', en: 'opened' },
  closed: { zh: '关闭', en: 'closed' },
  changed: { zh: '变更', en: 'changed' },
};

/**
 * Item 5: policy revisions with author and cause, a diff between any two, every replica's
 * revision and lag, and grants near expiry or near quota.
 */
export const policyPage = definePage({
  path: '/policy',
  title: { zh: '政策版本', en: 'Policy revisions' },
  roles: ['privacy-officer', 'auditor'],
  async render({ url, graph }) {
    const overview = await graph<PolicyOverview>(POLICY_OVERVIEW);
    const { grantQuotaUse } = await graph<{ grantQuotaUse: GrantQuotaRow[] }>(GRANT_QUOTA_USE);
    const latest = overview.policyRevisions[0]?.revision ?? 0;
    const from = revisionParam(url.searchParams.get('from'), Math.max(0, latest - 1));
    const to = revisionParam(url.searchParams.get('to'), latest);
    const diff = url.searchParams.has('from')
      ? (await graph<{ policyDiff: PolicyChangeRow[] }>(POLICY_DIFF, { from, to })).policyDiff
      : null;
    const field = url.searchParams.get('field')?.trim() ?? '';
    const at = revisionParam(url.searchParams.get('at'), latest);
    const readers = field
      ? (
          await graph<{ policyReaders: ReaderRow[] }>(POLICY_READERS, {
            coordinate: field,
            revision: at,
          })
        ).policyReaders
      : null;
    return html`<h2>${label({ zh: '版本对比', en: 'Diff' })}</h2>
      <form class="filters" method="get" action="${CONSOLE_PATH}/policy">
        <label
          >${label({ zh: '从版本', en: 'from revision (0: files)' })}<input
            name="from"
            type="number"
            min="0"
            value="${from}"
        /></label>
        <label
          >${label({ zh: '到版本', en: 'to revision' })}<input
            name="to"
            type="number"
            min="0"
            value="${to}"
        /></label>
        <button type="submit">${zh({ zh: '对比', en: 'Compare' })}</button>
      </form>
      ${diff && diffTable(diff, from, to)}
      <h2>${label({ zh: '字段可读者', en: 'Who can read a field at a revision' })}</h2>
      <form class="filters" method="get" action="${CONSOLE_PATH}/policy">
        <label
          >${label({ zh: '字段', en: 'field (Type.field)' })}<input name="field" value="${field}"
        /></label>
        <label
          >${label({ zh: '版本', en: 'revision' })}<input
            name="at"
            type="number"
            min="0"
            value="${at}"
        /></label>
        <button type="submit">${zh({ zh: '查询', en: 'Who can read' })}</button>
      </form>
      ${readers && readersTable(field, at, readers)} ${revisionsTable(overview.policyRevisions)}
      ${replicasTable(overview.policyReplicas, latest)} ${expiringTable(overview.grants)}
      ${quotaTable(grantQuotaUse)}`;
  },
});

function revisionParam(value: string | null, fallback: number): number {
  if (value === null || value === '') return fallback;
  if (!/^\d{1,9}$/.test(value)) throw new RangeError('A revision is a whole number, 0 or more.');
  return Number(value);
}

function diffTable(changes: readonly PolicyChangeRow[], from: number, to: number): Html {
  if (!changes.length)
    return html`<p class="ok">
      ${label({ zh: `版本 ${from} 与 ${to} 相同`, en: 'No difference' })}
    </p>`;
  return html`<table class="diff">
    <caption>
      ${label({ zh: `版本 ${from} → ${to}`, en: `revision ${from} → ${to}` })} (${changes.length})
    </caption>
    <thead>
      <tr>
        <th scope="col">${label({ zh: '变化', en: 'change' })}</th>
        <th scope="col">${label({ zh: '授权', en: 'grant' })}</th>
        <th scope="col">${label({ zh: '内容', en: 'what' })}</th>
        <th scope="col">${label({ zh: '原', en: 'from' })}</th>
        <th scope="col">${label({ zh: '新', en: 'to' })}</th>
      </tr>
    </thead>
    <tbody>
      ${changes.map(
        (c) =>
          html`<tr class="change-${c.change}">
            <td>${zh(CHANGES[c.change] ?? { zh: c.change, en: c.change })}</td>
            <td>${c.grant ?? '—'}</td>
            <td>${c.what}</td>
            <td>${c.from ?? '—'}</td>
            <td>${c.to ?? '—'}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function readersTable(field: string, at: number, readers: readonly ReaderRow[]): Html {
  const rows = (r: ReaderRow) =>
    r.rows.map((c) => `${c.type}.${c.field} = ${c.value ?? (c.anyOf ?? []).join('|')}`).join('; ');
  return html`<table class="readers">
    <caption>
      ${field} @ ${at} (${readers.length})
    </caption>
    <thead>
      <tr>
        <th scope="col">${label({ zh: '使用方', en: 'consumer' })}</th>
        <th scope="col">${label({ zh: '目的', en: 'purposes' })}</th>
        <th scope="col">${label({ zh: '方式', en: 'access' })}</th>
        <th scope="col">${label({ zh: '行条件', en: 'rows' })}</th>
        <th scope="col">${label({ zh: '授权', en: 'grant' })}</th>
        <th scope="col">${label({ zh: '到期日', en: 'expires' })}</th>
      </tr>
    </thead>
    <tbody>
      ${readers.map(
        (r) =>
          html`<tr>
            <td>${r.description}</td>
            <td>${r.purposes.join(', ')}</td>
            <td>${r.access}</td>
            <td>${rows(r) || '—'}</td>
            <td>${r.grantId ?? '—'}</td>
            <td>${r.expires ?? '—'}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function revisionsTable(revisions: PolicyOverview['policyRevisions']): Html {
  return html`<h2>${label({ zh: '版本历史', en: 'Revisions' })}</h2>
    <table class="revisions">
      <thead>
        <tr>
          <th scope="col" class="num">${label({ zh: '版本', en: 'revision' })}</th>
          <th scope="col">${label({ zh: '原因', en: 'cause' })}</th>
          <th scope="col">${label({ zh: '作者', en: 'author' })}</th>
          <th scope="col">${label({ zh: '说明', en: 'note' })}</th>
          <th scope="col">${label({ zh: '时间', en: 'created (UTC)' })}</th>
          <th scope="col">${label({ zh: '生效', en: 'effective' })}</th>
          <th scope="col">${label({ zh: '紧急', en: 'urgent' })}</th>
        </tr>
      </thead>
      <tbody>
        ${revisions.map(
          (r) =>
            html`<tr data-revision="${r.revision}">
              <td class="num">${r.revision}</td>
              <td>${r.cause}</td>
              <td>${r.author}</td>
              <td>${r.note ?? '—'}</td>
              <td>${r.createdAt?.slice(0, 19).replace('T', ' ') ?? '—'}</td>
              <td>${r.effectiveAt?.slice(0, 19).replace('T', ' ') ?? '—'}</td>
              <td>${r.urgent ? '是 yes' : '—'}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

function replicasTable(replicas: PolicyOverview['policyReplicas'], latest: number): Html {
  if (!replicas.length)
    return html`<p>
      ${label({ zh: '没有网关副本登记（政策来自文件）。', en: 'No replica has confirmed a revision (policies from files).' })}
    </p>`;
  const now = Date.now();
  return html`<h2>${label({ zh: '网关副本', en: 'Replicas: revision and lag' })}</h2>
    <table class="replicas">
      <thead>
        <tr>
          <th scope="col">${label({ zh: '副本', en: 'replica' })}</th>
          <th scope="col" class="num">${label({ zh: '版本', en: 'revision' })}</th>
          <th scope="col" class="num">${label({ zh: '落后版本数', en: 'revisions behind' })}</th>
          <th scope="col" class="num">
            ${label({ zh: '距上次确认（秒）', en: 'since confirmed (s)' })}
          </th>
          <th scope="col">${label({ zh: '状态', en: 'state' })}</th>
        </tr>
      </thead>
      <tbody>
        ${replicas.map((r) => {
          const age = Math.round((now - Date.parse(r.confirmedAt)) / 1000);
          const state = r.stoppedAt
            ? '已停止 stopped'
            : age * 1000 > r.leaseMs
              ? '租约过期 lease expired'
              : '在线 live';
          return html`<tr>
            <td>${r.replica}</td>
            <td class="num">${r.revision}</td>
            <td class="num">${Math.max(0, latest - r.revision)}</td>
            <td class="num">${age}</td>
            <td>${state}</td>
          </tr>`;
        })}
      </tbody>
    </table>`;
}

function expiringTable(grants: PolicyOverview['grants']): Html {
  const horizon = new Date(Date.now() + NEAR_EXPIRY_DAYS * 86_400_000).toISOString().slice(0, 10);
  const near = grants
    .filter((g) => g.expires !== null && (g.expired || g.expires <= horizon))
    .sort((a, b) => a.expires!.localeCompare(b.expires!));
  return html`<h2>
      ${label({ zh: `${NEAR_EXPIRY_DAYS} 天内到期的授权`, en: `Grants expiring within ${NEAR_EXPIRY_DAYS} days` })}
    </h2>
    ${
      near.length
        ? html`<table class="expiring">
            <thead>
              <tr>
                <th scope="col">${label({ zh: '授权', en: 'grant' })}</th>
                <th scope="col">${label({ zh: '提供部门', en: 'provider' })}</th>
                <th scope="col">${label({ zh: '使用方', en: 'consumer' })}</th>
                <th scope="col">${label({ zh: '到期日', en: 'expires' })}</th>
              </tr>
            </thead>
            <tbody>
              ${near.map(
                (g) =>
                  html`<tr>
                    <td>${g.id}</td>
                    <td>${g.provider}</td>
                    <td>
                      ${g.consumer.citizen ? 'citizen' : `${g.consumer.department}/${g.consumer.role}`}
                    </td>
                    <td class="${g.expired ? 'broken' : ''}">
                      ${g.expires}${g.expired ? ' 已过期 expired' : ''}
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p class="ok">${label({ zh: '没有即将到期的授权。', en: 'None.' })}</p>`
    }`;
}
