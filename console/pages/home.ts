import { html } from '../html';
import { label } from '../i18n';
import { definePage } from '../page';
import { ROLE_LABELS } from '../roles';

/** The console's home: who you are signed in as, and what your role covers. */
export const homePage = definePage({
  path: '/',
  title: { zh: '首页', en: 'Home' },
  roles: [
    'privacy-officer',
    'privacy-contact',
    'auditor',
    'sharing-agency',
    'data-authority',
    'citizen',
  ],
  async render({ role, session }) {
    const scope = {
      'privacy-officer': {
        zh: '全市的访问记录与政策',
        en: 'the whole city’s access records and policies',
      },
      'privacy-contact': {
        zh: `本部门（${session.viewer.department}）作为使用方和提供方的访问记录`,
        en: `your department (${session.viewer.department}) as consumer and as provider`,
      },
      auditor: {
        zh: '全市的访问记录，只读，限授权期限内',
        en: 'the city’s access records, read only, within your mandate',
      },
      'sharing-agency': {
        zh: `本部门（${session.viewer.department}）提出的共享申请和对本部门数据的共享申请`,
        en: `your department's (${session.viewer.department}) sharing requests and those for its data`,
      },
      'data-authority': {
        zh: '全市的共享申请：延期、争议、暂停与不予共享统计',
        en: 'every sharing request: extensions, disputes, suspensions, refusal statistics',
      },
      citizen: {
        zh: '谁查询了您的个人信息；对不认可的查询提出质疑并评价答复',
        en: 'who read your data; challenge a read and rate the answer',
      },
    }[role];
    return html`<p>${label(ROLE_LABELS[role])}: ${label(scope)}</p>
      <p>
        ${label({ zh: '每一页都通过数据图谱按您的授权查询，并留下本页自己的访问记录。', en: 'Every page reads the graph under your grants and leaves its own access record.' })}
      </p>
      <p>${label({ zh: '目的', en: 'Purpose' })}: <code>${session.purpose}</code></p>`;
  },
});
