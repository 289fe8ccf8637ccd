import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from 'cytoscape';
import fcose, { type FcoseLayoutOptions } from 'cytoscape-fcose';
import { KIND_STYLES } from './kinds.js';
import { ENTITY_KINDS, type EdgeSummary, type EntitySummary, type Subgraph } from './queries.js';

cytoscape.use(fcose);

/** Facts that read the same both ways: drawn without an arrow, and lighter, since they are background. */
const SYMMETRIC_TYPES = new Set(['BORDERS']);

export interface GraphViewEvents {
  nodeTap(id: string): void;
  edgeTap(id: string): void;
  backgroundTap(): void;
}

/** "2015-07-14", "2018–2021", or "" when the fact has no date. */
export function factDates(edge: Pick<EdgeSummary, 'startDate' | 'endDate'>): string {
  if (edge.startDate && edge.endDate) return `${edge.startDate}–${edge.endDate}`;
  if (edge.endDate) return `until ${edge.endDate}`;
  return edge.startDate ?? '';
}

function nodeElement(node: EntitySummary): ElementDefinition {
  return { group: 'nodes', data: { id: node.id, kind: node.kind, name: node.name, description: node.description } };
}

function edgeElement(edge: EdgeSummary): ElementDefinition {
  const dates = factDates(edge);
  const deprecated = edge.rank === 'DEPRECATED';
  const lines = [edge.type, dates, deprecated ? `deprecated: ${edge.rankReason ?? 'no reason given'}` : ''].filter((line) => line !== '');
  return {
    group: 'edges',
    data: {
      id: edge.id,
      source: edge.from.id,
      target: edge.to.id,
      type: edge.type,
      status: edge.status,
      startDate: edge.startDate,
      endDate: edge.endDate,
      role: edge.role,
      rank: edge.rank,
      rankReason: edge.rankReason,
      label: lines.join('\n'),
    },
    classes: [SYMMETRIC_TYPES.has(edge.type) ? 'symmetric' : '', deprecated ? 'deprecated' : ''].filter(Boolean).join(' '),
  };
}

function stylesheet(): StylesheetJson {
  const kindRules: StylesheetJson = ENTITY_KINDS.map((kind) => ({
    selector: `node[kind = "${kind}"]`,
    style: { 'background-color': KIND_STYLES[kind].color, shape: KIND_STYLES[kind].shape },
  }));
  return [
    {
      selector: 'node',
      style: {
        width: 30,
        height: 30,
        label: 'data(name)',
        'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
        'font-size': 11,
        color: '#0f172a',
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-wrap': 'wrap',
        'text-max-width': '120px',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.85,
        'text-background-padding': '1px',
        'text-background-shape': 'roundrectangle',
        'border-width': 2,
        'border-color': '#ffffff',
        'overlay-padding': 6,
      },
    },
    ...kindRules,
    { selector: 'node[kind = "TREATY"]', style: { width: 34, height: 26 } },
    { selector: 'node.expanded', style: { 'border-width': 3, 'border-color': '#0f172a', 'border-style': 'double' } },
    {
      selector: 'node.centre',
      style: { width: 46, height: 46, 'font-size': 13, 'font-weight': 'bold', 'border-width': 4, 'border-color': '#0f172a', 'border-style': 'solid' },
    },
    { selector: 'node[kind = "TREATY"].centre', style: { width: 52, height: 40 } },
    {
      selector: 'edge',
      style: {
        width: 1.6,
        'curve-style': 'bezier',
        'control-point-step-size': 36,
        'line-color': '#94a3b8',
        'target-arrow-color': '#94a3b8',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.9,
        label: 'data(label)',
        'font-family': 'ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace',
        'font-size': 9,
        color: '#475569',
        'text-wrap': 'wrap',
        'text-rotation': 'autorotate',
        'text-background-color': '#f8fafc',
        'text-background-opacity': 0.9,
        'text-background-padding': '1px',
        // Far out, labels would be noise: they show from a readable zoom on, and always on focused edges.
        'min-zoomed-font-size': 10,
      },
    },
    {
      selector: 'edge.symmetric',
      style: { 'line-style': 'dashed', 'line-color': '#cbd5e1', 'target-arrow-shape': 'none', color: '#94a3b8', width: 1.2 },
    },
    {
      selector: 'edge.focus, edge.hover',
      style: { 'line-color': '#64748b', 'target-arrow-color': '#64748b', color: '#1e293b', 'min-zoomed-font-size': 0, 'z-index': 5 },
    },
    { selector: 'edge.symmetric.focus, edge.symmetric.hover', style: { 'line-color': '#94a3b8' } },
    // Sources that disagree: the facts of a conflict group stand out.
    {
      selector: 'edge.conflict',
      style: { 'line-color': '#ea580c', 'target-arrow-color': '#ea580c', color: '#9a3412', width: 2.4 },
    },
    // Deprecated facts (drawn only when the ranks filter asks for them): faded, their reason in the label.
    { selector: 'edge.deprecated', style: { opacity: 0.35, 'line-style': 'dotted', color: '#64748b' } },
    { selector: 'edge:selected', style: { 'line-color': '#0f172a', 'target-arrow-color': '#0f172a', width: 3, color: '#0f172a' } },
    { selector: 'node:selected', style: { 'overlay-color': '#0ea5e9', 'overlay-opacity': 0.25 } },
    { selector: '.faded', style: { opacity: 0.18 } },
  ];
}

/** The drawing: Cytoscape.js with the fCoSE force-directed layout. */
export class GraphView {
  readonly cy: Core;
  private layoutRun: Promise<void> = Promise.resolve();

  constructor(container: HTMLElement, events: GraphViewEvents) {
    this.cy = cytoscape({
      container,
      style: stylesheet(),
      minZoom: 0.15,
      maxZoom: 3,
      selectionType: 'single',
      boxSelectionEnabled: false,
    });
    this.cy.on('tap', 'node', (event) => events.nodeTap(event.target.id()));
    this.cy.on('tap', 'edge', (event) => events.edgeTap(event.target.id()));
    this.cy.on('tap', (event) => {
      if (event.target === this.cy) events.backgroundTap();
    });
    // Hovering a node fades everything not touching it, to read a busy neighborhood.
    this.cy.on('mouseover', 'node', (event) => {
      const keep = event.target.closedNeighborhood();
      this.cy.elements().not(keep).addClass('faded');
      event.target.connectedEdges().addClass('hover');
    });
    this.cy.on('mouseout', 'node', () => this.cy.elements().removeClass('faded hover'));
  }

  /** Draws these subgraphs, replacing what was drawn, and lays them out afresh. */
  show(subgraphs: Subgraph[], centre: string, expanded: string[]): Promise<void> {
    this.cy.elements().remove();
    this.add(subgraphs);
    this.mark(centre, expanded);
    return this.layout({ randomize: true });
  }

  /** Adds a node's neighbors around it, keeping the drawing as it is so the eye can follow. */
  expand(subgraph: Subgraph, around: string, centre: string, expanded: string[]): Promise<void> {
    const origin = this.cy.getElementById(around);
    const from = origin.nonempty() ? origin.position() : { x: 0, y: 0 };
    const added = this.add([subgraph]);
    const fresh = added.nodes();
    fresh.forEach((node, i) => {
      const angle = (2 * Math.PI * i) / Math.max(fresh.length, 1);
      node.position({ x: from.x + 90 * Math.cos(angle), y: from.y + 90 * Math.sin(angle) });
    });
    this.mark(centre, expanded);
    if (fresh.empty()) return Promise.resolve();
    return this.layout({ randomize: false, quality: 'proof' });
  }

  /** Marks the drawn facts of these conflict groups (ids of facts), unmarking any other. */
  markConflicts(factIds: ReadonlySet<string>): void {
    this.cy.edges().forEach((edge) => {
      if (factIds.has(edge.id())) edge.addClass('conflict');
      else edge.removeClass('conflict');
    });
  }

  /** Selects a node or an edge; the facts touching it keep their labels at any zoom. */
  select(id: string | null): void {
    this.cy.elements().unselect();
    this.cy.edges().removeClass('focus');
    if (!id) return;
    const element = this.cy.getElementById(id);
    element.select();
    (element.isNode() ? element.connectedEdges() : element).addClass('focus');
  }

  fit(): void {
    this.cy.animate({ fit: { eles: this.cy.elements(), padding: 40 }, duration: 250 });
  }

  clear(): void {
    this.cy.elements().remove();
  }

  /** Resolves when the current layout has stopped. */
  settled(): Promise<void> {
    return this.layoutRun;
  }

  private add(subgraphs: Subgraph[]): cytoscape.CollectionReturnValue {
    const elements: ElementDefinition[] = [];
    const seen = new Set<string>();
    const fresh = (id: string): boolean => {
      if (seen.has(id) || this.cy.getElementById(id).nonempty()) return false;
      seen.add(id);
      return true;
    };
    for (const subgraph of subgraphs) {
      for (const node of subgraph.nodes) if (fresh(node.id)) elements.push(nodeElement(node));
    }
    for (const subgraph of subgraphs) {
      for (const edge of subgraph.edges) if (fresh(edge.id)) elements.push(edgeElement(edge));
    }
    // Nodes go first: every edge of a subgraph joins two of its nodes, so none is left dangling.
    return this.cy.add(elements);
  }

  private mark(centre: string, expanded: string[]): void {
    this.cy.nodes().removeClass('centre expanded');
    this.cy.getElementById(centre).addClass('centre');
    for (const id of expanded) this.cy.getElementById(id).addClass('expanded');
  }

  private layout(options: Partial<FcoseLayoutOptions>): Promise<void> {
    const count = this.cy.nodes().length;
    const layout = this.cy.layout({
      name: 'fcose',
      quality: 'default',
      animate: count < 200,
      animationDuration: 450,
      fit: true,
      padding: 40,
      nodeDimensionsIncludeLabels: true,
      nodeRepulsion: 12000,
      idealEdgeLength: 150,
      nodeSeparation: 110,
      ...options,
    } satisfies FcoseLayoutOptions);
    this.layoutRun = new Promise<void>((resolve) => {
      layout.one('layoutstop', () => resolve());
    });
    layout.run();
    return this.layoutRun;
  }
}
