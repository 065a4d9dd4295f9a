import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

type Fragments = GraphQLResolveInfo['fragments'];

const memo = new WeakMap<readonly FieldNode[], Selection>();

/**
 * The fields an operation asks of the value a resolver returns, by name, fragments and aliases
 * merged (for a list, of each item). Directives are not evaluated: a field under @skip still
 * counts, so a read model may read a column it does not need, never miss one it does.
 */
export class Selection {
  private constructor(
    private readonly fields: ReadonlyMap<string, readonly FieldNode[]>,
    private readonly fragments: Fragments,
  ) {}

  /** What the operation asks of this resolver's value; the same object for every item of a list. */
  static of(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): Selection {
    let selection = memo.get(info.fieldNodes);
    if (!selection) memo.set(info.fieldNodes, (selection = Selection.from(info.fieldNodes, info.fragments)));
    return selection;
  }

  private static from(nodes: readonly FieldNode[], fragments: Fragments): Selection {
    const fields = new Map<string, FieldNode[]>();
    const visit = (set: SelectionSetNode | undefined) => {
      for (const node of set?.selections ?? []) {
        if (node.kind === Kind.FIELD) {
          const list = fields.get(node.name.value);
          if (list) list.push(node);
          else fields.set(node.name.value, [node]);
        } else if (node.kind === Kind.INLINE_FRAGMENT) visit(node.selectionSet);
        else visit(fragments[node.name.value]?.selectionSet);
      }
    };
    for (const node of nodes) visit(node.selectionSet);
    return new Selection(fields, fragments);
  }

  has(name: string): boolean {
    return this.fields.has(name);
  }

  names(): Iterable<string> {
    return this.fields.keys();
  }

  /** What the operation asks of the value of one of these fields (the person of a member). */
  of(name: string): Selection {
    return Selection.from(this.fields.get(name) ?? [], this.fragments);
  }
}
