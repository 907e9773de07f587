/**
 * What a benchmark started, stopped in reverse order exactly once: when it finishes, when it fails, or when
 * it is interrupted (Ctrl-C), so no server, socket or database outlives it.
 */
export class Cleanup {
  private readonly steps: { what: string; run: () => Promise<void> }[] = [];
  private running: Promise<void> | undefined;
  private readonly onSignal = (signal: NodeJS.Signals) => {
    console.error(`${signal}: stopping what the benchmark started.`);
    void this.run().finally(() => process.exit(130));
  };

  constructor() {
    process.once('SIGINT', this.onSignal);
    process.once('SIGTERM', this.onSignal);
  }

  add(what: string, run: () => Promise<void>): void {
    this.steps.push({ what, run });
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      process.off('SIGINT', this.onSignal);
      process.off('SIGTERM', this.onSignal);
      for (const step of this.steps.splice(0).reverse()) {
        try {
          await step.run();
        } catch (error) {
          console.error(`Could not stop ${step.what}:`, error);
        }
      }
    })();
    return this.running;
  }
}
