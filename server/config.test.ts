import { ConfigError, readConfig } from './config';

describe('readConfig', () => {
  it('runs the embedded demo on port 4000 when nothing is set', () => {
    expect(readConfig({})).toEqual({
      port: 4000,
      databaseUrl: undefined,
      dataDir: './data',
      jwtSecret: undefined,
      demoSeed: true,
      kpiPluginDirs: [],
      production: false,
    });
  });

  it('reads every variable', () => {
    expect(
      readConfig({
        PORT: '8080',
        DATABASE_URL: 'postgres://db/progress',
        DATA_DIR: 'memory://',
        JWT_SECRET: 'secret',
        DEMO_SEED: '0',
        KPI_PLUGIN_DIRS: '/srv/kpis:/srv/more-kpis',
        NODE_ENV: 'production',
      }),
    ).toEqual({
      port: 8080,
      databaseUrl: 'postgres://db/progress',
      dataDir: 'memory://',
      jwtSecret: 'secret',
      demoSeed: false,
      kpiPluginDirs: ['/srv/kpis', '/srv/more-kpis'],
      production: true,
    });
  });

  it.each([
    [{ PORT: 'http' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DEMO_SEED: 'yes' }, /DEMO_SEED/],
    [{ NODE_ENV: 'production' }, /JWT_SECRET/],
    [{ NODE_ENV: 'production', JWT_SECRET: '' }, /JWT_SECRET/],
  ])('refuses %j, naming the variable', (env, variable) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(variable);
  });
});
