import { DomainError, makeIdNumber } from '@xingfu/domain/rules';

/**
 * Synthetic resident ID numbers: the county's code, the birth date and a sequence number taken
 * in order for each birth date and sex (odd for men, even for women), with the GB 11643 check
 * character. They are valid in form and belong to nobody: the sequence is ours, not the
 * registry's. Numbers already in the database (`taken`) are skipped.
 */
export class IdNumberAllocator {
  private readonly next = new Map<string, number>();

  constructor(
    private readonly countyCode: string,
    private readonly taken: ReadonlySet<string> = new Set(),
  ) {}

  allocate(birthDate: string, sex: 'male' | 'female'): string {
    const key = `${birthDate}${sex}`;
    let sequence = this.next.get(key) ?? (sex === 'male' ? 1 : 0);
    for (;;) {
      if (sequence > 999) {
        throw new DomainError(
          'INVALID_INPUT',
          `More than 500 synthetic people of one sex born on ${birthDate} in ${this.countyCode}: use a smaller --scale.`,
        );
      }
      const idNumber = makeIdNumber(this.countyCode, birthDate, sequence);
      sequence += 2;
      if (!this.taken.has(idNumber)) {
        this.next.set(key, sequence);
        return idNumber;
      }
    }
  }

  /** Whether another person of this sex can still be born on this date. */
  hasRoom(birthDate: string, sex: 'male' | 'female'): boolean {
    return (this.next.get(`${birthDate}${sex}`) ?? 0) <= 997;
  }
}
