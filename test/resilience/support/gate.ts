/** Open while the server is up: applicants wait at it after a kill until the restarted server answers. */
export class Gate {
  #open = false;
  #waiters: (() => void)[] = [];

  get isOpen(): boolean {
    return this.#open;
  }

  open(): void {
    this.#open = true;
    for (const w of this.#waiters.splice(0)) w();
  }

  close(): void {
    this.#open = false;
  }

  async pass(): Promise<void> {
    if (this.#open) return;
    await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }
}
