/**
 * The shared pieces' texts alone, for the app shell to provide without pulling the whole ui
 * library (its components) into the first download.
 */
export * from './lib/text/ui-text';
