import { definePage, download } from '../page';
import { redirect } from '../respond';
import { ANSWER, ASSIGN, COMMENT, INCIDENT_BUNDLE, MOVE } from '../queries/incidents';
import { CONSOLE_PATH } from '../session';
import { incidentId } from './incident';

/** The incident forms' target: one mutation through the graph, then back to the incident. */
export const incidentActionPage = definePage({
  path: '/incident/act',
  title: { zh: '处理事件', en: 'Work an incident' },
  roles: ['privacy-officer', 'privacy-contact'],
  method: 'POST',
  async render({ form, graph }) {
    const get = (name: string) => form?.get(name)?.trim() || null;
    const id = incidentId(get('id'));
    const action = get('action');
    if (action === 'move')
      await graph(MOVE, { input: { id, to: get('to'), reason: get('reason') } });
    else if (action === 'assign') await graph(ASSIGN, { input: { id, assignee: get('assignee') } });
    else if (action === 'comment') await graph(COMMENT, { input: { id, text: get('text') ?? '' } });
    else if (action === 'answer')
      await graph(ANSWER, { input: { id, finding: get('finding'), reply: get('reply') ?? '' } });
    else throw new RangeError('Choose what to do: move, assign, comment or answer.');
    return redirect(`${CONSOLE_PATH}/incident?id=${id}`);
  },
});

/** The evidence bundle of an incident, as a JSON download. */
export const incidentBundlePage = definePage({
  path: '/incident/bundle',
  title: { zh: '证据包', en: 'Evidence bundle' },
  roles: ['privacy-officer', 'privacy-contact', 'auditor'],
  nav: false,
  async render({ url, graph }) {
    const id = incidentId(url.searchParams.get('id'));
    const { incident } = await graph<{ incident: { evidenceBundle: string } | null }>(
      INCIDENT_BUNDLE,
      { id },
    );
    if (!incident) throw new RangeError(`No incident ${id} is open to you.`);
    return download(
      incident.evidenceBundle,
      'application/json; charset=utf-8',
      `${id}-evidence.json`,
    );
  },
});
