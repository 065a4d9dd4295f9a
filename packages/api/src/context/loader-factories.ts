import type { EntityManager } from '@xingfu/domain';
import DataLoader from 'dataloader';

type EntityClass<T> = new (...args: never[]) => T;
type Find = <T extends object>(entity: EntityClass<T>, where: object, options?: object) => Promise<T[]>;

/** One query for many primary keys. */
export function loaderByKey<T extends object, K extends string | number>(em: EntityManager, entity: EntityClass<T>, key: keyof T & string) {
  const find = em.find.bind(em) as unknown as Find;
  return new DataLoader<K, T | null>(async (keys) => {
    const rows = await find(entity, { [key]: { $in: [...keys] } });
    const byKey = new Map(rows.map((row) => [(row as Record<string, unknown>)[key] as K, row]));
    return keys.map((k) => byKey.get(k) ?? null);
  });
}

/** One query for the children of many parents, grouped by the foreign key. */
export function loaderOfMany<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  foreignKey: keyof T & string,
  options: { where?: Record<string, unknown>; orderBy?: Record<string, 'asc' | 'desc'> } = {},
) {
  const find = em.find.bind(em) as unknown as Find;
  return new DataLoader<number, T[]>(async (parentIds) => {
    const rows = await find(
      entity,
      { ...options.where, [foreignKey]: { $in: [...parentIds] } },
      { orderBy: options.orderBy ?? { id: 'asc' } },
    );
    const grouped = new Map<number, T[]>();
    for (const row of rows) {
      const parent = (row as Record<string, unknown>)[foreignKey] as { id: number } | number;
      const id = typeof parent === 'number' ? parent : parent.id;
      const list = grouped.get(id) ?? [];
      list.push(row);
      grouped.set(id, list);
    }
    return parentIds.map((id) => grouped.get(id) ?? []);
  });
}
