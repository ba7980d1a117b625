import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderWith, msasim, TINY_SCENARIO } from './run-cli.js';

describe('the cost ledger on the command line', () => {
  it('run --out writes cost.csv beside result.json when the scenario has pricing:', () => {
    const dir = folderWith({ 'priced.yaml': `${TINY_SCENARIO}pricing: {}\n` });
    const { status, stderr } = msasim(['run', 'priced.yaml', '--out', 'out'], dir);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['cost.csv', 'result.json']);
    const rows = readFileSync(join(dir, 'out', 'cost.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(rows[0]).toBe(
      'run_id,variant,replication,ledger,item,subject,quantity,unit,unit_price_usd,cost_usd,usd_per_million_requests',
    );
    const items = rows.slice(1).map((row) => row.split(',').slice(3, 6).join(' '));
    expect(items).toContain('allocation allocation-cpu api');
    expect(items).toContain('allocation idle-memory cluster');
  });

  it('run --out writes the allocation to cost.csv without pricing:, and result.json as before', () => {
    const dir = folderWith({ 'tiny.yaml': TINY_SCENARIO });
    expect(msasim(['run', 'tiny.yaml', '--out', 'out'], dir).status).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['cost.csv', 'result.json']);
    const items = readFileSync(join(dir, 'out', 'cost.csv'), 'utf8')
      .trim()
      .split('\n')
      .map((row) => row.split(',').slice(3, 6).join(' '));
    expect(items).toContain('allocation allocation-cpu api');
    expect(items).toContain('allocation idle-cpu cluster');
    const written = JSON.parse(readFileSync(join(dir, 'out', 'result.json'), 'utf8'));
    expect(Object.keys(written.cost)).not.toContain('allocation');
  });
});
