import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The project/app root (where package.json is), found by walking up from a module's folder, so
 * the same code works from src/ (tests) and from dist/node (built, or inside app.asar).
 */
export function findAppRoot(fromDir: string): string {
  let dir = fromDir;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if (JSON.parse(readFileSync(pkg, 'utf8')).name === 'vmbackup-doctor') return dir;
      } catch {
        // unreadable package.json: keep walking
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the app root above ${fromDir}`);
    dir = up;
  }
}
