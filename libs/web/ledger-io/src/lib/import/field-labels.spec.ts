import { fieldLabel } from './field-labels';

describe('fieldLabel', () => {
  it('names the 项目负责人 column in both languages, whether the API says owner or ownerId', () => {
    expect(fieldLabel('projects', 'owner', 'zh-CN')).toBe('项目负责人');
    expect(fieldLabel('projects', 'ownerId', 'zh-CN')).toBe('项目负责人');
    expect(fieldLabel('projects', 'owner', 'en')).toBe('Project owner');
    expect(fieldLabel('projects', 'ownerId', 'en')).toBe('Project owner');
  });
});
