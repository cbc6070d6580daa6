/** One part of `npm run bench -- meetings`; each lives in its own file and prints its own figures. */
export interface MeetingsBenchPart {
  readonly name: string;
  readonly description: string;
  /** The bench's command-line arguments (each part reads its own options). */
  run(args: readonly string[]): Promise<void>;
}
