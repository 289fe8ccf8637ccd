import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';

/** schema.graphql is what analysts read in the playground: everything in it is described. */
describe('schema.graphql', () => {
  const schema: GraphQLSchema = buildSchema(readFileSync(path.join(PROJECT_ROOT, 'schema.graphql'), 'utf8'));
  const own = Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__') && !['String', 'Int', 'Float', 'Boolean', 'ID'].includes(t.name));

  it('describes every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of own) {
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('keeps the contract dashboards are written against', () => {
    const entity = schema.getType('Entity');
    expect(isInterfaceType(entity) && Object.keys(entity.getFields())).toEqual(['id', 'kind', 'name', 'aliases', 'description', 'relations']);
    const relation = schema.getType('Relation');
    expect(isObjectType(relation) && Object.keys(relation.getFields())).toEqual(
      expect.arrayContaining(['id', 'type', 'from', 'to', 'status', 'startDate', 'endDate', 'sources', 'quotes']),
    );
    const query = schema.getQueryType()!;
    expect(Object.keys(query.getFields())).toEqual(
      expect.arrayContaining(['node', 'entity', 'search', 'neighborhood', 'paths', 'timeline', 'countries', 'people', 'organizations', 'treaties']),
    );
    for (const t of ['Country', 'Person', 'Organization', 'Treaty']) {
      const type = schema.getType(t);
      expect(isObjectType(type) && type.getInterfaces().map((i) => i.name).sort()).toEqual(['Entity', 'Node']);
    }
  });
});
