import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DocumentNode } from 'graphql';
import { gql } from 'graphql-tag';
import { PROJECT_ROOT } from '../config.js';

/** schema.graphql: the single source of the API. */
export const typeDefs: DocumentNode = gql(readFileSync(path.join(PROJECT_ROOT, 'schema.graphql'), 'utf8'));
