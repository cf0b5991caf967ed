export { FilesPanel } from './lib/panel/files-panel';
// The tab title and other texts of the files panel, for the page that hosts it.
export { FilesTextPipe } from './lib/files-text';
