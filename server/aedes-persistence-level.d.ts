// aedes-persistence-level ships no types; this covers only what the server uses.
declare module 'aedes-persistence-level' {
  export interface LevelPersistence {
    setup(broker: unknown): Promise<void>;
    /** Closes the underlying Level database. */
    destroy(): Promise<void>;
  }

  export default function aedesPersistenceLevel(db: unknown): LevelPersistence;
}
