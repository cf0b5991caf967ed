/** Every BullMQ queue of the app, by name; the API enqueues, the worker processes. */
export enum QueueName {
  Health = 'health',
}
