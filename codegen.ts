import type { CodegenConfig } from '@graphql-codegen/cli';

/** Resolver types from schema.graphql, so that tsc holds the resolvers to the schema. */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  generates: {
    'src/graphql/generated/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useIndexSignature: false,
        contextType: '../context.js#GraphQLContext',
        enumsAsTypes: true,
        scalars: { JSON: 'unknown' },
        mappers: {
          Country: '../../graph/models.js#EntityModel',
          Person: '../../graph/models.js#EntityModel',
          Organization: '../../graph/models.js#EntityModel',
          Treaty: '../../graph/models.js#EntityModel',
          Entity: '../../graph/models.js#EntityModel',
          Node: '../ledger-models.js#NodeParent',
          Relation: '../../graph/models.js#RelationModel',
          Conflict: '../../graph/models.js#ConflictModel',
          Source: '../../graph/models.js#SourceModel',
          Citation: '../../graph/models.js#CitationModel',
          Path: '../../graph/read-queries.js#PathModel',
          Subgraph: '../../graph/read-queries.js#SubgraphModel',
          RelatedCountry: '../../graph/models.js#RelatedModel',
          RelatedOrganization: '../../graph/models.js#RelatedModel',
          RelatedTreaty: '../../graph/models.js#RelatedModel',
          RelatedPerson: '../../graph/models.js#RelatedModel',
          RelatedEntity: '../../graph/models.js#RelatedModel',
          CountryEdge: '../connections.js#EntityEdgeModel',
          PersonEdge: '../connections.js#EntityEdgeModel',
          OrganizationEdge: '../connections.js#EntityEdgeModel',
          TreatyEdge: '../connections.js#EntityEdgeModel',
          CountryConnection: '../connections.js#ConnectionModel',
          PersonConnection: '../connections.js#ConnectionModel',
          OrganizationConnection: '../connections.js#ConnectionModel',
          TreatyConnection: '../connections.js#ConnectionModel',
          SeedReport: '../../seed/seed-loader.js#LoadReport',
          Load: '../ledger-models.js#LoadModel',
          LoadInput: '../../graph/ledger-loads.js#LoadInputRecord',
          LoadChange: '../../graph/ledger-reads.js#ChangeRecord',
          LoadChangeConnection: '../ledger-models.js#ChangeConnectionModel',
          LoadConnection: '../ledger-models.js#LoadConnectionModel',
          RevertReport: '../../seed/revert.js#RevertOutcome',
          RevertConflict: '../../graph/ledger-restore.js#ConflictRecord',
          ReconcileCandidate: '../../graph/reconcile-cypher.js#ReconcileCandidateModel',
          ReconcileResult: '../../graph/reconcile-cypher.js#ReconcileResultModel',
        },
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: true },
        maybeValue: 'T | null | undefined',
      },
    },
  },
};

export default config;
