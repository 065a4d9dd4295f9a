import { registerEnumType } from 'type-graphql';

/** Registers a domain string union as a GraphQL enum: 'town_station' ↔ TOWN_STATION. */
export function registerStringEnum<T extends string>(values: readonly T[], name: string, description: string): Record<string, T> {
  const enumObject = Object.fromEntries(values.map((value) => [value.toUpperCase(), value])) as Record<string, T>;
  registerEnumType(enumObject, { name, description });
  return enumObject;
}
