/**
 * What the gateway reads from the composed supergraph besides the schema itself: which subgraphs
 * resolve each field (`@join__field`, `@join__type`), and the demand-control annotations the
 * subgraphs declare (`@listSize`, `@cost`) for estimating what an operation will cost.
 */
import {
  type ConstDirectiveNode,
  type ConstValueNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type GraphQLSchema,
  Kind,
  parse,
  TypeInfo,
  type TypeNode,
  visit,
  visitWithTypeInfo,
} from 'graphql';

export interface ListSize {
  /** The size to assume when no slicing argument says otherwise. */
  assumedSize?: number;
  /** Arguments (such as `first`) whose value is the list's size. */
  slicingArguments?: string[];
  /** For a connection: its fields (`edges`) that hold the list the slicing argument sizes. */
  sizedFields?: string[];
}

export interface FieldFacts {
  /** Subgraph names that resolve this field. */
  subgraphs: string[];
  listSize?: ListSize;
  /** `@cost(weight:)`: what one value of the field costs, instead of the default. */
  weight?: number;
  nonNull: boolean;
  /** The named type the field returns. */
  returnType: string;
  /** `@tag(name:)` values, such as `signed-in` for fields only signed-in callers see. */
  tags: string[];
  /** `@requires(fields:)` selections the resolving subgraphs declare, as written there. */
  requires: string[];
}

export interface SupergraphFacts {
  field(typeName: string, fieldName: string): FieldFacts | undefined;
  /** Every object and interface type, with its fields. */
  types(): ReadonlyMap<string, ReadonlyMap<string, FieldFacts>>;
}

function argument(directive: ConstDirectiveNode, name: string): ConstValueNode | undefined {
  return directive.arguments?.find((arg) => arg.name.value === name)?.value;
}

function literal(node: ConstValueNode | undefined): unknown {
  if (!node) return undefined;
  switch (node.kind) {
    case Kind.INT:
      return Number(node.value);
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.BOOLEAN:
      return node.value;
    case Kind.LIST:
      return node.values.map(literal);
    default:
      return undefined;
  }
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function directives(node: { directives?: readonly ConstDirectiveNode[] | undefined }, name: string) {
  return (node.directives ?? []).filter((directive) => directive.name.value === name);
}

export function readSupergraph(sdl: string): SupergraphFacts {
  const document = parse(sdl);
  // join__Graph enum value (INSTRUMENTS) → subgraph name (instruments)
  const graphNames = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
      for (const value of definition.values ?? []) {
        const [graph] = directives(value, 'join__graph');
        graphNames.set(value.name.value, String(literal(graph && argument(graph, 'name'))));
      }
    }
  }
  const graphOf = (directive: ConstDirectiveNode) => graphNames.get(String(literal(argument(directive, 'graph'))));

  const types = new Map<string, Map<string, FieldFacts>>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    if (definition.name.value.startsWith('join__') || definition.name.value.startsWith('link__')) continue;
    const typeGraphs = [
      ...new Set(
        directives(definition, 'join__type')
          .map(graphOf)
          .filter((g): g is string => !!g),
      ),
    ];
    const fields = new Map<string, FieldFacts>();
    for (const field of definition.fields ?? []) fields.set(field.name.value, factsOf(field, typeGraphs));
    types.set(definition.name.value, fields);
  }

  function factsOf(field: FieldDefinitionNode, typeGraphs: string[]): FieldFacts {
    const joins = directives(field, 'join__field');
    // A field with no @join__field is resolved wherever its type is; `external` ones are not resolved there.
    const subgraphs = joins.length
      ? [
          ...new Set(
            joins
              .filter((join) => literal(argument(join, 'external')) !== true)
              .map(graphOf)
              .filter((g): g is string => !!g),
          ),
        ]
      : typeGraphs;
    const [listSize] = directives(field, 'listSize');
    const [cost] = directives(field, 'cost');
    return {
      subgraphs,
      nonNull: field.type.kind === Kind.NON_NULL_TYPE,
      returnType: namedType(field.type),
      tags: directives(field, 'tag').map((tag) => String(literal(argument(tag, 'name')))),
      requires: joins
        .map((join) => literal(argument(join, 'requires')))
        .filter((r): r is string => typeof r === 'string'),
      ...(listSize
        ? {
            listSize: {
              ...(argument(listSize, 'assumedSize') ? { assumedSize: literal(argument(listSize, 'assumedSize')) } : {}),
              ...(argument(listSize, 'slicingArguments')
                ? { slicingArguments: literal(argument(listSize, 'slicingArguments')) }
                : {}),
              ...(argument(listSize, 'sizedFields') ? { sizedFields: literal(argument(listSize, 'sizedFields')) } : {}),
            } as ListSize,
          }
        : {}),
      ...(cost ? { weight: Number(literal(argument(cost, 'weight'))) } : {}),
    };
  }

  return {
    field: (typeName, fieldName) => types.get(typeName)?.get(fieldName),
    types: () => types,
  };
}

/** A field an operation selects, on the type it is selected on, with what the supergraph says of it. */
/**
 * The facts of the supergraph the gateway serves now. A rollout replaces them while the gateway
 * runs; everyone holding this object reads the new ones from then on. Caches derived from them
 * key on `types()`, whose identity changes with every replacement.
 */
export class LiveSupergraph implements SupergraphFacts {
  private current: SupergraphFacts;

  constructor(sdl: string) {
    this.current = readSupergraph(sdl);
  }

  /** Reads `sdl` first: a supergraph that cannot be read leaves the facts as they were. */
  replace(sdl: string): void {
    this.current = readSupergraph(sdl);
  }

  field(typeName: string, fieldName: string): FieldFacts | undefined {
    return this.current.field(typeName, fieldName);
  }

  types(): ReadonlyMap<string, ReadonlyMap<string, FieldFacts>> {
    return this.current.types();
  }
}

export interface SelectedField {
  parentType: string;
  field: string;
  facts: FieldFacts | undefined;
}

/** Every field selection in `document`, with its parent type (fragments resolved against `schema`). */
export function selectedFields(schema: GraphQLSchema, document: DocumentNode, facts: SupergraphFacts): SelectedField[] {
  const selected: SelectedField[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (parent && field) {
          selected.push({ parentType: parent.name, field: field.name, facts: facts.field(parent.name, field.name) });
        }
      },
    }),
  );
  return selected;
}
