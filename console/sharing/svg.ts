import { html, type Html } from '../html';
import { totals, type Flow } from './flows';

const WIDTH = 760;
const ROW = 34;
const NODE_WIDTH = 170;
const TOP = 30;

/**
 * The sharing map as server-made SVG: providers on the left, consumers on the right, one
 * band per (provider, consumer) whose width grows with the disclosures. Styled by class only
 * (the CSP allows no inline style); the table beside it says the same in text.
 */
export function flowMap(flows: readonly Flow[], title: string): Html {
  const providers = totals(flows, 'provider');
  const consumers = totals(flows, 'consumer');
  const rows = Math.max(providers.length, consumers.length, 1);
  const height = TOP + rows * ROW + 10;
  const y = (list: [string, number][], name: string) =>
    TOP + list.findIndex(([n]) => n === name) * ROW + ROW / 2;
  const pairs = new Map<string, { provider: string; consumer: string; count: number }>();
  for (const f of flows) {
    const key = `${f.provider}\u0000${f.consumer}`;
    const pair = pairs.get(key) ?? { provider: f.provider, consumer: f.consumer, count: 0 };
    pair.count += f.count;
    pairs.set(key, pair);
  }
  const most = Math.max(1, ...[...pairs.values()].map((p) => p.count));
  const left = NODE_WIDTH;
  const right = WIDTH - NODE_WIDTH;
  return html`<svg
    class="chart sharing-map"
    xmlns="http://www.w3.org/2000/svg"
    viewBox="0 0 ${WIDTH} ${height}"
    width="${WIDTH}"
    height="${height}"
    role="img"
    aria-labelledby="map-title"
  >
    <title id="map-title">${title}</title>
    <text x="0" y="16">提供部门 providers</text>
    <text x="${right}" y="16">使用部门 consumers</text>
    ${[...pairs.values()].map((p) => {
      const y1 = y(providers, p.provider);
      const y2 = y(consumers, p.consumer);
      const mid = (left + right) / 2;
      return html`<path
        class="flow"
        d="M${left},${y1} C${mid},${y1} ${mid},${y2} ${right},${y2}"
        stroke-width="${(1 + (11 * p.count) / most).toFixed(1)}"
        ><title>${p.provider} → ${p.consumer}: ${p.count}</title></path
      >`;
    })}
    ${providers.map(([name, count], i) => node(0, TOP + i * ROW, name, count))}
    ${consumers.map(([name, count], i) => node(right, TOP + i * ROW, name, count))}
  </svg>`;
}

function node(x: number, y: number, name: string, count: number): Html {
  return html`<g class="department"
    ><rect
      class="node"
      x="${x}"
      y="${y + 3}"
      width="${NODE_WIDTH}"
      height="${ROW - 6}"
      rx="4"
    ></rect>
    <text x="${x + 8}" y="${y + ROW / 2 + 4}">${name} (${count})</text></g
  >`;
}
