/**
 * A package as published, next to the copy this project patched (gateway/patches/): the
 * benchmark's "stock" gateway must run the library as everyone gets it. The copy is made in the
 * same node_modules folder, so that its dependencies resolve as the patched one's do, and the
 * patch's hunks are taken back out of it; a hunk that does not match stops the benchmark.
 */
import { cpSync, existsSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { repoRoot, stop } from '../cli.ts';

interface Hunk {
  patched: string;
  published: string;
}

/** A unified diff (as `pnpm patch-commit` writes one) as its files' hunks. */
function hunksOf(diff: string): Map<string, Hunk[]> {
  const files = new Map<string, Hunk[]>();
  let hunks: Hunk[] | undefined;
  let hunk: { patched: string[]; published: string[] } | undefined;
  const close = () => {
    if (hunk && hunks) hunks.push({ patched: hunk.patched.join('\n'), published: hunk.published.join('\n') });
    hunk = undefined;
  };
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ')) {
      close();
      hunks = [];
      files.set(line.split(' b/')[1] as string, hunks);
    } else if (line.startsWith('@@')) {
      close();
      hunk = { patched: [], published: [] };
    } else if (hunk && !line.startsWith('\\')) {
      const text = line.slice(1);
      if (line.startsWith('+')) hunk.patched.push(text);
      else if (line.startsWith('-')) hunk.published.push(text);
      else {
        hunk.patched.push(text);
        hunk.published.push(text);
      }
    }
  }
  close();
  return files;
}

/** The directory of `name` as published, made once from the patched install and `patchFile`. */
export function publishedPackage(name: string, patchFile: string): string {
  const require = createRequire(join(repoRoot, 'package.json'));
  const patched = dirname(realpathSync(require.resolve(`${name}/package.json`)));
  const published = `${patched}-as-published`;
  const diff = readFileSync(join(repoRoot, patchFile), 'utf8');
  const stamp = join(published, '.reverted-patch');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === diff) return published;

  rmSync(published, { recursive: true, force: true });
  cpSync(patched, published, { recursive: true });
  for (const [file, hunks] of hunksOf(diff)) {
    const path = join(published, file);
    let text = readFileSync(path, 'utf8');
    for (const { patched: after, published: before } of hunks) {
      if (text.split(after).length !== 2)
        stop(`${patchFile} does not match ${name}'s ${file}; cannot rebuild it as published`);
      text = text.replace(after, () => before);
    }
    writeFileSync(path, text);
  }
  writeFileSync(stamp, diff);
  return published;
}
