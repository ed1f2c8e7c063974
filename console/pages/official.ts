import { html, type Html } from '../html';
import { label } from '../i18n';
import { MEASURES } from '../incidents/labels';
import { definePage } from '../page';
import { PROFILE, type ProfileView } from '../queries/incidents';
import { officialQuotaList } from './quota';

const ACCOUNT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Requests per day as server-made SVG bars (no script, no chart library). */
function dayChart(days: ProfileView['perDay']): Html {
  const max = Math.max(1, ...days.map((d) => d.requests));
  const width = Math.max(200, days.length * 24);
  return html`<svg
    class="chart"
    role="img"
    aria-label="每日请求数 requests per day"
    width="${width}"
    height="150"
    viewBox="0 0 ${width} 150"
  >
    ${days.map((d, i) => {
      const h = Math.round((d.requests / max) * 100);
      return html`<g
        ><rect class="bar" x="${i * 24 + 2}" y="${125 - h}" width="20" height="${h}"
          ><title>${d.day}: ${d.requests}</title></rect
        >
        <text x="${i * 24 + 12}" y="${121 - h}" text-anchor="middle">${d.requests}</text>
        <text x="${i * 24 + 12}" y="143" text-anchor="middle">${d.day.slice(8)}</text></g
      >`;
    })}
  </svg>`;
}

/**
 * Item 2: an official's profile over the last 30 days: volume per day, persons, purposes,
 * case numbers, off-hours reads, refusals and quota use, each beside the median and spread
 * of peers of the same department and role.
 */
export const officialPage = definePage({
  path: '/official',
  title: { zh: '工作人员画像', en: 'Official profile' },
  roles: ['privacy-officer', 'privacy-contact', 'auditor'],
  nav: false,
  async render({ url, graph }) {
    const id = url.searchParams.get('id') ?? '';
    if (!ACCOUNT.test(id))
      throw new RangeError("Give an official's account id, e.g. demo-caseworker.");
    const { officialProfile: p } = await graph<{ officialProfile: ProfileView | null }>(PROFILE, {
      id,
    });
    // The id is not repeated: what was typed may be a person's mobile or ID number.
    if (!p) throw new RangeError('No profile of that account is open to you.');
    const most = p.measures.find((m) => m.name === 'maxPersonsPerDay')?.value ?? 0;
    return html`<p>
        <strong>${p.officialId}</strong> · ${p.department}/${p.role} · ${p.from.slice(0, 10)} –
        ${p.to.slice(0, 10)} · ${label({ zh: '同部门同岗位人数', en: 'peers' })}: ${p.peers}
      </p>
      <h2>${label({ zh: '与同岗位比较', en: 'Against peers' })}</h2>
      <table class="measures">
        <thead>
          <tr>
            <th scope="col">${label({ zh: '指标', en: 'Measure' })}</th>
            <th scope="col" class="num">${label({ zh: '本人', en: 'Official' })}</th>
            <th scope="col" class="num">${label({ zh: '同岗位中位数', en: 'Peers’ median' })}</th>
            <th scope="col" class="num">${label({ zh: '离散度 (MAD)', en: 'Spread (MAD)' })}</th>
          </tr>
        </thead>
        <tbody>
          ${p.measures.map(
            (m) =>
              html`<tr data-measure="${m.name}">
                <th scope="row">${label(MEASURES[m.name] ?? { zh: m.name, en: m.name })}</th>
                <td class="num">${m.value}</td>
                <td class="num">${m.peerMedian}</td>
                <td class="num">${m.peerSpread}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <p>
        ${label({ zh: '每日人数配额使用', en: 'Daily quota of persons used' })}:
        ${p.quota === null ? label({ zh: '无配额', en: 'no quota' }) : html`${most} / ${p.quota} (${Math.round((most / p.quota) * 100)}%)`}
      </p>
      <h2>${label({ zh: '今日各授权配额使用', en: 'Quota use today, per grant' })}</h2>
      ${officialQuotaList(p.quotaUse)}
      <h2>${label({ zh: '每日请求', en: 'Requests per day' })}</h2>
      ${p.perDay.length ? dayChart(p.perDay) : label({ zh: '期间内无请求。', en: 'No requests in the period.' })}
      <h2>${label({ zh: '目的', en: 'Purposes' })}</h2>
      <ul>
        ${p.purposes.map((x) => html`<li><code>${x.purpose}</code>: ${x.requests}</li>`)}
      </ul>`;
  },
});
