import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isSameOrInside,
  joinablePath,
  physicalPath,
  prepareOutputFolder,
  removeCreatedFolders,
} from '../../src/runner/output-path.js';

function scratch(): string {
  return realpathSync(mkdtempSync(join(tmpdir(), 'msasim-path-')));
}

describe('physicalPath: where a path really is, through links, existing or not', () => {
  it('resolves a link to the folder it names, and paths below it that do not exist yet', async () => {
    const root = scratch();
    mkdirSync(join(root, 'a', 'sa'), { recursive: true });
    symlinkSync(join('a', 'sa'), join(root, 'alink'));
    expect(await physicalPath(join(root, 'alink'))).toBe(join(root, 'a', 'sa'));
    expect(await physicalPath(join(root, 'alink', 'new', 'deeper'))).toBe(
      join(root, 'a', 'sa', 'new', 'deeper'),
    );
  });

  it('reads alink/.. as the kernel does: the parent of the target', async () => {
    const root = scratch();
    mkdirSync(join(root, 'a', 'sa'), { recursive: true });
    symlinkSync(join('a', 'sa'), join(root, 'alink'));
    // Written as a user types it: path.join would drop "alink/.." by text.
    expect(await physicalPath(`${root}/alink/../x`)).toBe(join(root, 'a', 'x'));
    expect(await joinablePath(`${root}/alink/../x`)).toBe(join(root, 'a', 'x'));
    expect(await joinablePath('out/shard-1')).toBe('out/shard-1');
  });

  it('follows a dangling link to where its target would be', async () => {
    const root = scratch();
    symlinkSync(join(root, 'later'), join(root, 'dangling'));
    expect(await physicalPath(join(root, 'dangling', 'runs'))).toBe(join(root, 'later', 'runs'));
  });

  it('refuses a loop of links', async () => {
    const root = scratch();
    symlinkSync('b', join(root, 'a'));
    symlinkSync('a', join(root, 'b'));
    await expect(physicalPath(join(root, 'a', 'x'))).rejects.toThrow(
      'too many links (a loop?): give a folder without a loop',
    );
  });

  it('isSameOrInside compares whole names, not prefixes', () => {
    expect(isSameOrInside('/w/sa', '/w/sa')).toBe(true);
    expect(isSameOrInside('/w/sa/merged', '/w/sa')).toBe(true);
    expect(isSameOrInside('/w/sab', '/w/sa')).toBe(false);
    expect(isSameOrInside('/w', '/')).toBe(true);
  });
});

describe('prepareOutputFolder', () => {
  it('creates the missing folders one level at a time and names them; removing them leaves the rest', async () => {
    const root = scratch();
    const created = await prepareOutputFolder(join(root, 'x', 'y'));
    expect(created).toEqual([join(root, 'x'), join(root, 'x', 'y')]);
    await removeCreatedFolders(created);
    expect(existsSync(join(root, 'x'))).toBe(false);
    expect(existsSync(root)).toBe(true);
  });

  it('removes no created folder that something was written into', async () => {
    const root = scratch();
    const created = await prepareOutputFolder(join(root, 'x', 'y'));
    writeFileSync(join(root, 'x', 'y', 'kept.txt'), 'kept\n');
    await removeCreatedFolders(created);
    expect(existsSync(join(root, 'x', 'y', 'kept.txt'))).toBe(true);
  });

  it('leaves no probe file behind in an existing folder', async () => {
    const root = scratch();
    expect(await prepareOutputFolder(root)).toEqual([]);
    expect(existsSync(root)).toBe(true);
    expect(readdirSync(root)).toEqual([]);
  });
});
