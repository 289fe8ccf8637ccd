import type { EntityKind } from './queries.js';

/** How each kind of entity looks, in the graph and in the legend: colour and shape both tell kinds apart. */
export interface KindStyle {
  label: string;
  color: string;
  /** Cytoscape's node shape. */
  shape: 'ellipse' | 'round-hexagon' | 'round-rectangle' | 'round-diamond';
  /** The same shape as an SVG path in a 20×20 box, for the legend and lists. */
  icon: string;
}

export const KIND_STYLES: Record<EntityKind, KindStyle> = {
  COUNTRY: { label: 'Country', color: '#2563eb', shape: 'ellipse', icon: 'M10 2a8 8 0 1 0 0 16a8 8 0 1 0 0-16Z' },
  ORGANIZATION: { label: 'Organization', color: '#059669', shape: 'round-hexagon', icon: 'M6 2.5h8l4.5 7.5-4.5 7.5h-8L1.5 10Z' },
  TREATY: { label: 'Treaty', color: '#d97706', shape: 'round-rectangle', icon: 'M3 4.5a2 2 0 0 1 2-2h10a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2Z' },
  PERSON: { label: 'Person', color: '#c026d3', shape: 'round-diamond', icon: 'M10 1.5 18.5 10 10 18.5 1.5 10Z' },
};

/** A small inline SVG of a kind's shape in its colour. */
export function kindIcon(kind: EntityKind, size = 14): SVGSVGElement {
  const style = KIND_STYLES[kind];
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 20 20');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('aria-hidden', 'true');
  svg.classList.add('kind-icon');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', style.icon);
  path.setAttribute('fill', style.color);
  svg.append(path);
  return svg;
}
