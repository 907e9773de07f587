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
      requestTimeoutMs: 30_000,
      corsOrigins: [],
      chromiumPath: '/usr/bin/chromium',
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
        REQUEST_TIMEOUT_MS: '5000',
        CORS_ORIGINS: 'https://dashboard.trust.nhs.uk, http://localhost:5173',
        CHROMIUM_PATH: '/opt/chromium/chrome',
      }),
    ).toEqual({
      port: 8080,
      databaseUrl: 'postgres://db/progress',
      dataDir: 'memory://',
      jwtSecret: 'secret',
      demoSeed: false,
      kpiPluginDirs: ['/srv/kpis', '/srv/more-kpis'],
      production: true,
      requestTimeoutMs: 5_000,
      corsOrigins: ['https://dashboard.trust.nhs.uk', 'http://localhost:5173'],
      chromiumPath: '/opt/chromium/chrome',
    });
  });

  it.each([
    [{ PORT: 'http' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DEMO_SEED: 'yes' }, /DEMO_SEED/],
    [{ REQUEST_TIMEOUT_MS: '0' }, /REQUEST_TIMEOUT_MS/],
    [{ REQUEST_TIMEOUT_MS: '2.5' }, /REQUEST_TIMEOUT_MS/],
    [{ NODE_ENV: 'production' }, /JWT_SECRET/],
    [{ NODE_ENV: 'production', JWT_SECRET: '' }, /JWT_SECRET/],
    [
      { CORS_ORIGINS: 'https://dashboard.trust.nhs.uk/' },
      /CORS_ORIGINS.*"https:\/\/dashboard.trust.nhs.uk\/"/,
    ],
    [{ CORS_ORIGINS: 'dashboard.trust.nhs.uk' }, /CORS_ORIGINS/],
    [{ CORS_ORIGINS: 'https://a.example.org https://b.example.org' }, /CORS_ORIGINS/],
    [{ CORS_ORIGINS: 'ftp://files.example.org' }, /CORS_ORIGINS/],
  ])('refuses %j, naming the variable', (env, variable) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(() => readConfig(env)).toThrow(variable);
  });
});

describe('the demo seed', () => {
  it('is written into a development database unless DEMO_SEED=0', () => {
    expect(readConfig({}).demoSeed).toBe(true);
    expect(readConfig({ DEMO_SEED: '0' }).demoSeed).toBe(false);
  });

  it('is never written into a production database unless DEMO_SEED=1 asks for it', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'secret' };
    expect(readConfig(production).demoSeed).toBe(false);
    expect(readConfig({ ...production, DEMO_SEED: '' }).demoSeed).toBe(false);
    expect(readConfig({ ...production, DEMO_SEED: '1' }).demoSeed).toBe(true);
  });
});
