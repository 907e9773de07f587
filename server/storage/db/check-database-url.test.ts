import { parseDatabaseUrl } from './check-database-url';
import { DatabaseUrlError } from './database-url-error';

describe('parseDatabaseUrl', () => {
  it.each([
    'postgres://progress:secret@db:5432/progress',
    'postgresql://db/progress',
    'postgres://postgres@%2Fvar%2Frun%2Fpostgresql/postgres',
  ])('takes %s', (url) => {
    expect(parseDatabaseUrl(url).pathname).toMatch(/^\/\w+$/);
  });

  it.each([
    ['localhost/progress', /not a URL/],
    ['db:5432/progress', /must start with postgres:\/\/ or postgresql:\/\/, not db:\/\//],
    ['mysql://db/progress', /must start with postgres:\/\/ or postgresql:\/\/, not mysql:\/\//],
    ['postgres://db:5432', /names no database/],
    ['postgres://db:5432/', /names no database/],
  ])('refuses %s, saying what is wrong', (url, reason) => {
    expect(() => parseDatabaseUrl(url)).toThrow(DatabaseUrlError);
    expect(() => parseDatabaseUrl(url)).toThrow(reason);
  });

  it('never repeats the password', () => {
    expect(() => parseDatabaseUrl('mysql://progress:hunter2@db/progress')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });
});
