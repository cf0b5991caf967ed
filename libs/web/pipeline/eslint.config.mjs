import webConfig from '../../../eslint.web.config.mjs';

export default [
  ...webConfig,
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
