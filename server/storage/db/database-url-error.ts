/** `DATABASE_URL` cannot be used as it is: the message says what is wrong and what to do. */
export class DatabaseUrlError extends Error {}
