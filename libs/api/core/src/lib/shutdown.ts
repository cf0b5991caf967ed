/**
 * Nest closes gracefully on SIGTERM/SIGINT; when a connection (Redis away, say) keeps that from
 * finishing, leave anyway after a grace period so process managers are not kept waiting.
 */
export function exitAfterGracePeriod(ms = 10_000): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => process.exit(0), ms).unref();
    });
  }
}
