// Lint rules shared by the web app and every web library (Angular and its templates).
import nx from '@nx/eslint-plugin';
import baseConfig from './eslint.config.mjs';

export default [
  ...nx.configs['flat/angular'],
  ...nx.configs['flat/angular-template'],
  ...baseConfig,
  {
    files: ['**/*.ts'],
    rules: {
      '@angular-eslint/directive-selector': [
        'error',
        {
          type: 'attribute',
          prefix: 'crm',
          style: 'camelCase',
        },
      ],
      '@angular-eslint/component-selector': [
        'error',
        {
          type: 'element',
          prefix: 'crm',
          style: 'kebab-case',
        },
      ],
    },
  },
  {
    files: ['**/*.html'],
    rules: {
      // ng-zorro's radios and checkboxes are <label nz-radio> hosts that render their own input,
      // and <nz-switch> is a form control: a label holding either is associated with it.
      '@angular-eslint/template/label-has-associated-control': [
        'error',
        {
          controlComponents: ['nz-switch'],
          labelComponents: [
            { selector: 'label', inputs: ['for', 'htmlFor', 'nz-radio', 'nz-radio-button', 'nz-checkbox'] },
          ],
        },
      ],
    },
  },
];
