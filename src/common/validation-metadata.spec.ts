import { IsInt, IsString, MaxLength, MetadataStorage, getMetadataStorage } from 'class-validator';
import { rememberValidationMetadata } from './validation-metadata';

class Base {
  @IsString()
  @MaxLength(5)
  title!: string;
}

class Report extends Base {
  @IsInt()
  percent!: number;
}

describe('rememberValidationMetadata', () => {
  /** A storage of its own with the two classes' rules, so the global one stays as class-validator made it. */
  const plain = () => {
    const storage = new MetadataStorage();
    for (const target of [Base, Report]) {
      for (const metadata of getMetadataStorage().getTargetValidationMetadatas(target, '', false, false)) {
        if (metadata.target === target) storage.addValidationMetadata(metadata);
      }
    }
    return storage;
  };

  it('answers what class-validator answers, inherited rules included, and the same array again', () => {
    const reference = plain();
    const remembered = plain();
    rememberValidationMetadata(remembered);
    const first = remembered.getTargetValidationMetadatas(Report, '', false, false);
    expect(first).toEqual(reference.getTargetValidationMetadatas(Report, '', false, false));
    expect(first.map((m) => m.propertyName).sort()).toEqual(['percent', 'title', 'title']);
    expect(remembered.getTargetValidationMetadatas(Report, '', false, false)).toBe(first);
    expect(remembered.groupByPropertyName(first)).toBe(remembered.groupByPropertyName(first));
    expect(remembered.groupByPropertyName(first)).toEqual(reference.groupByPropertyName(first));
    // Other options are other answers.
    expect(remembered.getTargetValidationMetadatas(Report, '', false, true, ['x'])).not.toBe(first);
  });

  it('a rule added later is seen at once', () => {
    const remembered = plain();
    rememberValidationMetadata(remembered);
    const before = remembered.getTargetValidationMetadatas(Report, '', false, false);
    const [rule] = before.filter((m) => m.propertyName === 'percent');
    remembered.addValidationMetadata(Object.assign(Object.create(Object.getPrototypeOf(rule)), rule, { propertyName: 'period' }));
    const after = remembered.getTargetValidationMetadatas(Report, '', false, false);
    expect(after).not.toBe(before);
    expect(after.map((m) => m.propertyName)).toContain('period');
    expect(Object.keys(remembered.groupByPropertyName(after)).sort()).toEqual(['percent', 'period', 'title']);
  });

  it('is installed once however often it is called', () => {
    const storage = plain();
    rememberValidationMetadata(storage);
    const installed = storage.getTargetValidationMetadatas;
    rememberValidationMetadata(storage);
    expect(storage.getTargetValidationMetadatas).toBe(installed);
  });
});
