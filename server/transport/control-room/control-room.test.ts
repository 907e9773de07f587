import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PAGE_DIR, graphqlWsBrowserFiles } from './control-room';

describe('graphqlWsBrowserFiles', () => {
  const { dir, files } = graphqlWsBrowserFiles();

  it('serves the browser build and every file it imports, and nothing of the server', () => {
    expect(files.has('client.js')).toBe(true);
    for (const file of files) {
      const source = readFileSync(path.join(dir, file), 'utf8');
      const relative = [...source.matchAll(/\bfrom\s*["'](\.[^"']+)["']/g)].map((match) => match[1]!);
      for (const imported of relative) expect(files).toContain(path.posix.normalize(imported));
      // A bare specifier would need an import map; the browser build has none.
      expect(source).not.toMatch(/^(?:import|export)\s[^\n]*\bfrom\s*["'][^."'/]/m);
    }
    expect([...files].some((file) => /server|use\//.test(file))).toBe(false);
  });
});

describe('the page', () => {
  it('is static HTML, CSS and one ES module, each where the HTML asks for it', () => {
    const html = readFileSync(path.join(PAGE_DIR, 'index.html'), 'utf8');
    const assets = [...html.matchAll(/(?:href|src)="\/control-room\/([^"]+)"/g)].map((match) => match[1]!);
    expect(assets.sort()).toEqual(['control-room.css', 'control-room.js']);
    for (const asset of assets) expect(existsSync(path.join(PAGE_DIR, asset))).toBe(true);
    const script = readFileSync(path.join(PAGE_DIR, 'control-room.js'), 'utf8');
    expect(script).toContain("from '/control-room/vendor/graphql-ws/client.js'");
  });
});
