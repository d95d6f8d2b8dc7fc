import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

function inSelection(selectionSet: SelectionSetNode | undefined, name: string, info: GraphQLResolveInfo): boolean {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD && selection.name.value === name) return true;
    if (selection.kind === Kind.INLINE_FRAGMENT && inSelection(selection.selectionSet, name, info)) return true;
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = info.fragments[selection.name.value];
      if (fragment && inSelection(fragment.selectionSet, name, info)) return true;
    }
  }
  return false;
}

/**
 * Whether the field being resolved selects its subfield `name` (directly, or through
 * fragments): lets a resolver fetch together what the request will ask for together.
 */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  return info.fieldNodes.some((node) => inSelection(node.selectionSet, name, info));
}
