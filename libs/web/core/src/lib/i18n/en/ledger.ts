import type { texts as zhCN } from '../zh-CN/ledger';

/** English texts ledger.*: the type makes a key missing from or added to the Chinese ones a compile error. */
export const texts: Record<keyof typeof zhCN, string> = {
  // reporting: end
  // ledger-io: start
  'ledger.title': 'Ledger import & export',
  'ledger.subtitle':
    "Bring the task forces' Excel ledgers into the system, or export project lists and the three lists.",
  'ledger.import.title': 'Import a ledger',
  'ledger.step.choose': 'Upload',
  'ledger.step.preview': 'Check the preview',
  'ledger.step.done': 'Done',
  'ledger.import.kind': 'Import',
  'ledger.kind.projects': 'Projects',
  'ledger.kind.enterprises': 'Enterprises',
  'ledger.import.templateProjects': 'Download the project template',
  'ledger.import.templateEnterprises': 'Download the enterprise template',
  'ledger.upload.drop': 'Click to choose an Excel file, or drop it here',
  'ledger.upload.uploading': 'Uploading and reading the file…',
  'ledger.upload.hint':
    '.xlsx only, at most {mb} MB; larger files are read in the background, with progress.',
  'ledger.upload.refused': 'The file was not imported',
  'ledger.upload.tooLarge':
    'The file is larger than {mb} MB; split it and import the parts.',
  'ledger.upload.emptyFile': 'The chosen file is empty; choose another.',
  'ledger.upload.failed':
    'The file could not be read; check it and upload it again.',
  'ledger.rules.template':
    'The template’s second row is an example (grey, marked 示例行 in 备注): the import skips it, or delete it. Chain, stage, status, source channel and responsible unit can be picked from drop-down lists.',
  'ledger.rules.headers':
    "Headers may be written as the task forces' ledgers write them (项目名称, 所属产业链, 计划总投资（亿元）…); where they differ from the template, map each column to its field.",
  'ledger.rules.values':
    'Amounts are read in the unit the header names (万元 or 亿元; 万元 when none); dates may be written 2025-03-01, 2025/3/1 or 2025年3月1日.',
  'ledger.rules.match':
    'Projects match by chain and project name, enterprises by credit code or name; unchanged rows are skipped, so importing the same file again changes nothing.',
  'ledger.rules.cells':
    'No merged cells; formulas must be calculated and saved in Excel; remove the password of a protected workbook first.',
  'ledger.mapping.title': 'Map the columns: {file}',
  'ledger.mapping.hint':
    'The headers differ from the template. Choose the field each column fills, or "Do not import"; fields marked * are required.',
  'ledger.mapping.sheetColumn': 'Column in the file',
  'ledger.mapping.field': 'Field',
  'ledger.mapping.fieldFor': 'Field for the column "{header}"',
  'ledger.mapping.ignore': 'Do not import',
  'ledger.mapping.missing': 'Required fields not mapped: {fields}.',
  'ledger.mapping.duplicates':
    'Fields mapped from more than one column: {fields}.',
  'ledger.mapping.cancel': 'Back',
  'ledger.mapping.apply': 'Read the file with this mapping',
  'ledger.reading.title': 'Reading "{file}" in the background',
  'ledger.reading.rows': '{done} of {total} rows read',
  'ledger.reading.waiting': 'Waiting to be read…',
  'ledger.reading.hint':
    'The preview shows when reading is done; you may leave this page. Nothing is written meanwhile.',
  'ledger.commit.refused': 'The import did not go through',
  'ledger.commit.failed':
    'The import did not complete and wrote nothing; try again.',
  'ledger.owner.title': 'Choose an owner for new projects that name none',
  'ledger.owner.intro':
    'These new projects have no "项目负责人" (owner) in the sheet. For each chain, choose a staff member of a unit serving it as the default owner, then confirm the import; or fill in the owner column and upload again.',
  'ledger.owner.chain': '{chain}: {rows}',
  'ledger.owner.rows': 'row(s) {rows}',
  'ledger.owner.rowsMore': 'rows {rows} and more ({n} in all)',
  'ledger.owner.placeholder': 'Choose a staff member',
  'ledger.owner.willOwn': 'The new projects in {rows} will be owned by {owner}.',
  'ledger.owner.notChosen': 'Not chosen yet: the new projects in {rows} have no owner.',
  'ledger.owner.noCandidates':
    '{chain} has no staff member who may own projects: fill in the owner of these rows in the sheet, or ask an administrator to open staff accounts for the units serving it.',
  'ledger.owner.missing': 'Choose a default owner for every chain, then confirm the import.',
  'ledger.committing.title': 'Writing the data in the background',
  'ledger.committing.rows': '{done} of {total} rows written',
  'ledger.committing.hint':
    'All rows are written in one transaction: the data stays as it was until the end.',
  'ledger.done.title': 'Import complete',
  'ledger.done.summary':
    '{create} created, {update} updated, {skip} skipped; {error} rows in error not imported.',
  'ledger.done.toProjects': 'Open the project list',
  'ledger.done.again': 'Import another file',
  'ledger.preview.file': '{file} (sheet: {sheet})',
  'ledger.preview.countCreate': 'Create {n}',
  'ledger.preview.countUpdate': 'Update {n}',
  'ledger.preview.countSkip': 'Skip {n}',
  'ledger.preview.countError': 'Errors {n}',
  'ledger.preview.unmapped': 'These columns are not imported: {headers}.',
  'ledger.preview.remap': 'Map the columns',
  'ledger.preview.filter': 'Rows shown',
  'ledger.preview.all': 'All rows ({n})',
  'ledger.preview.onlyErrors': 'Errors only ({n})',
  'ledger.preview.row': 'Row',
  'ledger.preview.action': 'Action',
  'ledger.preview.record': 'Project or enterprise',
  'ledger.preview.details': 'Details',
  'ledger.preview.changes': 'Will update: {fields}',
  'ledger.preview.unchanged': 'Same as in the system; no change',
  'ledger.preview.willCreate': 'Will be created',
  'ledger.preview.contact.create': 'Contact: “{name}”{phone} will be created',
  'ledger.preview.contact.update': 'Contact: “{name}” is known; the phone becomes {phone}',
  'ledger.preview.contact.link': 'Contact: “{name}” is known; linked to this project',
  'ledger.preview.contact.unchanged': 'Contact: “{name}” is recorded; no change',
  'ledger.preview.contact.notes': 'Contact: the investor is not in the library; “{name}”{phone} goes to the project notes',
  'ledger.preview.empty': 'No rows to show',
  'ledger.preview.restart': 'Choose another file',
  'ledger.preview.commit': 'Import ({create} new, {update} updated)',
  'ledger.preview.errorsLeftOut':
    'The {n} rows in error are left out; fix them and upload the file again.',
  'ledger.preview.nothingToDo': 'The file has nothing to create or update.',
  'ledger.preview.errorAt': 'Row {row}, column {column} "{header}": {message}',
  'ledger.preview.errorAtHeader': 'Row {row}, "{header}": {message}',
  'ledger.preview.errorAtRow': 'Row {row}: {message}',
  'ledger.action.create': 'Create',
  'ledger.action.update': 'Update',
  'ledger.action.skip': 'Skip',
  'ledger.action.error': 'Error',
  'ledger.exports.title': 'Exports',
  'ledger.exports.hint':
    'Amounts are numbers (the unit is in the header) and dates are dates, ready to add up; only the chains you may read are included.',
  'ledger.exports.year': 'Year',
  'ledger.exports.yearNote': '({year})',
  'ledger.exports.download': 'Export',
  'ledger.exports.keyProjects': 'Key-project dynamic management table',
  'ledger.exports.keyProjectsHint':
    'Active and paused projects, by chain, major projects first.',
  'ledger.exports.targetDirections': 'Target-direction list',
  'ledger.exports.targetDirectionsHint':
    "Each chain's investment directions, yearly targets and key tasks.",
  'ledger.exports.responsibilities': 'Responsibility table',
  'ledger.exports.responsibilitiesHint':
    "Each chain's liaison and responsible leaders, units, supporting units and anchor firms.",
  'ledger.exports.enterprises': 'Enterprise list',
  'ledger.exports.enterprisesHint': 'Every firm of the enterprise library.',
  'ledger.exportList': 'Export to Excel',
  'ledger.exportListHint': 'Export every project matching the current filters',
};
