// cytoscape-fcose ships no types: the extension and the options we use.
declare module 'cytoscape-fcose' {
  import type { BaseLayoutOptions, Ext } from 'cytoscape';

  export interface FcoseLayoutOptions extends BaseLayoutOptions {
    name: 'fcose';
    quality?: 'draft' | 'default' | 'proof';
    randomize?: boolean;
    animate?: boolean;
    animationDuration?: number;
    fit?: boolean;
    padding?: number;
    nodeDimensionsIncludeLabels?: boolean;
    nodeRepulsion?: number | ((node: unknown) => number);
    idealEdgeLength?: number | ((edge: unknown) => number);
    nodeSeparation?: number;
    gravity?: number;
    numIter?: number;
    fixedNodeConstraint?: Array<{ nodeId: string; position: { x: number; y: number } }>;
  }

  const fcose: Ext;
  export default fcose;
}
