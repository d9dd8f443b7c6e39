// aedes-persistence-level ships no types; this covers only what the server uses.
declare module 'aedes-persistence-level' {
  export interface LevelPersistence {
    setup(broker: unknown): Promise<void>;
    /** Closes the underlying Level database. */
    destroy(): Promise<void>;
    /** Retained messages whose topic matches `pattern` (an MQTT filter). */
    createRetainedStream(pattern: string): AsyncIterable<{ topic: string; payload: Buffer }>;
  }

  export default function aedesPersistenceLevel(db: unknown): LevelPersistence;
}
