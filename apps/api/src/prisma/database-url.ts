/** The URL of the database this process talks to: the configured server or the embedded one. */
export const DATABASE_URL = Symbol('DATABASE_URL');
