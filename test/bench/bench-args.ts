/** The value after `name` on a bench's command line (`--joins 20`), or undefined when absent. */
export function argValue(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
}
