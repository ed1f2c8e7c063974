import { html, type Html } from '../html';
import { label } from '../i18n';
import type { GrantQuotaRow } from '../queries/policy';
import type { ProfileView } from '../queries/incidents';

/** A quota this full (its most active official's persons / the quota) is listed as near. */
export const NEAR_QUOTA_SHARE = 0.8;

const percent = (share: number) => `${Math.round(share * 100)}%`;

/**
 * Item 5: grants near quota. Every grant with a daily quota of persons per official, the
 * fullest first; those at NEAR_QUOTA_SHARE or more marked. Counted from the access records
 * (the gateway's own counts are in Redis, which the graph does not read).
 */
export function quotaTable(rows: readonly GrantQuotaRow[]): Html {
  const near = rows.filter((r) => r.share >= NEAR_QUOTA_SHARE).length;
  return html`<h2>
      ${label({ zh: `接近配额的授权（今日，${percent(NEAR_QUOTA_SHARE)} 以上：${near} 个）`, en: `Grants near quota today (${percent(NEAR_QUOTA_SHARE)} or more: ${near})` })}
    </h2>
    <p>
      ${label({ zh: '按访问记录统计：当日（北京时间）在该授权下向单个工作人员披露的不同人员数，与网关在 Redis 中的计数口径相同。', en: 'From the access records: distinct persons disclosed under the grant to one official today (CST), as the gateway counts them in Redis.' })}
    </p>
    ${
      rows.length
        ? html`<table class="quota">
            <thead>
              <tr>
                <th scope="col">${label({ zh: '授权', en: 'grant' })}</th>
                <th scope="col">${label({ zh: '使用方', en: 'consumer' })}</th>
                <th scope="col" class="num">
                  ${label({ zh: '每人每日配额', en: 'quota per official' })}
                </th>
                <th scope="col" class="num">${label({ zh: '最多使用', en: 'most used' })}</th>
                <th scope="col" class="num">${label({ zh: '使用人数', en: 'officials' })}</th>
                <th scope="col" class="num">${label({ zh: '使用率', en: 'share' })}</th>
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (r) =>
                  html`<tr
                    data-grant="${r.grant}"
                    class="${r.share >= NEAR_QUOTA_SHARE ? 'near' : ''}"
                  >
                    <td>${r.grant}</td>
                    <td>${r.consumerDepartment}/${r.consumerRole}</td>
                    <td class="num">${r.quota}</td>
                    <td class="num">${r.mostPersons}</td>
                    <td class="num">${r.officials}</td>
                    <td class="num">${percent(r.share)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p class="ok">
            ${label({ zh: '没有设置配额的授权。', en: 'No grant has a quota.' })}
          </p>`
    }`;
}

/** Item 2: an official's use today of each quota of their team's grants. */
export function officialQuotaList(uses: ProfileView['quotaUse']): Html {
  if (uses.length === 0)
    return html`<p>
      ${label({ zh: '本岗位的授权没有人数配额。', en: 'No grant of this role has a quota.' })}
    </p>`;
  return html`<ul class="quota-use">
    ${uses.map(
      (u) =>
        html`<li data-grant="${u.grant}">
          <code>${u.grant}</code> ${u.day}: ${u.persons} / ${u.quota}
          (${percent(u.persons / u.quota)})
        </li>`,
    )}
  </ul>`;
}
