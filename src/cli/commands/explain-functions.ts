import { defaultInit } from '../../model/serverless/init-defaults.js';
import { distributionText, formatDuration } from '../../scenario/index.js';
import type { Scenario } from '../../scenario/schema.js';

/** Lambda gives a function one vCPU at 1,769 MB, CPU in proportion to memory below it. */
const MB_PER_VCPU = 1769;

/**
 * The functions as the run will have them (docs/serverless.md): memory and the CPU it buys,
 * the init a cold start pays (the runtime's default when none is given), the limits and what
 * keeps instances warm, the gateway in front. Empty for a scenario without functions.
 */
export function functionsSection(s: Scenario): string {
  const functions = Object.entries(s.functions ?? {});
  if (functions.length === 0) return '';
  return [
    'Functions (docs/serverless.md)',
    ...functions.flatMap(([name, f]) => functionLines(name, f)),
  ].join('\n');
}

function functionLines(name: string, f: NonNullable<Scenario['functions']>[string]): string[] {
  const vcpu = Math.min(f.memoryMb / MB_PER_VCPU, 1);
  const init = f.init ?? defaultInit(f.runtime, f.snapStart);
  const warm = [
    f.provisionedConcurrency > 0 ? `${f.provisionedConcurrency} provisioned` : '',
    f.reservedConcurrency === undefined ? '' : `reserved ${f.reservedConcurrency}`,
    f.snapStart ? 'SnapStart' : '',
  ].filter((text) => text !== '');
  return [
    `  ${name}: ${f.runtime}, ${f.memoryMb} MB (${vcpu.toFixed(2)} vCPU), ${f.architecture}; timeout ${formatDuration(f.timeout)}`,
    `    a cold start pays init ${distributionText(init)}; idle instances kept ${distributionText(f.keepAlive)}` +
      (warm.length === 0 ? '' : `; ${warm.join(', ')}`) +
      (f.gateway === undefined ? '' : `; behind a ${f.gateway.type.toUpperCase()} API gateway`),
  ];
}
