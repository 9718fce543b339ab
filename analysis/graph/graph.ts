/** The in-memory {@link ResourceGraph}: indexes resources by id and type. */
import { isRef, type ResourceGraph, type StackInfo, type TfResource, type Value } from './types';

/** An indexed, immutable resource graph. */
export class Graph implements ResourceGraph {
  readonly resources: readonly TfResource[];
  private readonly byId = new Map<string, TfResource>();
  private readonly typeIndex = new Map<string, TfResource[]>();

  constructor(
    readonly stacks: readonly StackInfo[],
    resources: readonly TfResource[],
  ) {
    this.resources = [...resources].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const r of this.resources) {
      if (this.byId.has(r.id)) throw new Error(`duplicate resource id ${r.id}`);
      this.byId.set(r.id, r);
      if (r.mode !== 'managed') continue;
      const list = this.typeIndex.get(r.type) ?? [];
      list.push(r);
      this.typeIndex.set(r.type, list);
    }
  }

  get(id: string): TfResource | undefined {
    return this.byId.get(id);
  }

  byType(type: string): readonly TfResource[] {
    return this.typeIndex.get(type) ?? [];
  }

  deref(value: Value | undefined): TfResource | undefined {
    return isRef(value) ? this.byId.get(value.$ref) : undefined;
  }

  referrers(target: TfResource, type: string, attribute: string): readonly TfResource[] {
    const points = (v: Value | undefined): boolean =>
      isRef(v) ? v.$ref === target.id : Array.isArray(v) ? v.some((e) => points(e)) : false;
    return this.byType(type).filter((r) => points(r.attrs[attribute]));
  }
}

/** Builds a reference value to an attribute of a resource id (tests and fixtures). */
export function ref(id: string, attribute = 'id'): Value {
  return { $ref: id, attribute };
}
