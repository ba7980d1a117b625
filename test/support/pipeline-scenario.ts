/**
 * The scenario the pipeline tests share (issue 14, docs/cicd.md): one service `web` of one
 * small pod whose rollout takes a known time (image pull 4 s, container start 1 s), a probe
 * workload of one request a minute, 10 minutes and a 10-minute drain, so that every pipeline
 * time can be computed by hand. `pipelines` is the body of its `pipelines:` block (indented
 * two spaces; '' for a scenario without pipelines). The file's lines are fixed:
 * `pipelines:` is line 12, `runners:` line 13.
 */
export function webPipelineYaml(pipelines: string, name = 'p'): string {
  return `name: ${name}
duration: 10m
drain: 10m
services:
  web:
    replicas: 1
    resources: { requests: { cpu: 100m, memory: 64Mi } }
    lifecycle: { imagePull: 4s, containerStart: 1s }
    endpoints: { get: { cpu: 1ms } }
workload:
  - { name: probe, arrivals: poisson, rate: 1/m, target: web.get }
${pipelines === '' ? '' : `pipelines:\n${pipelines}`}`;
}

/** Two commits, at 0 s and 10 s, on one runner: a 60 s build, then a 5 s deploy. */
export const TWO_COMMITS_ONE_RUNNER = `  runners: 1
  commits: { at: [0s, 10s] }
  stages:
    - { name: build, duration: 60s }
    - { name: deploy, duration: 5s }
`;

/**
 * A long run for the pipelines' statistics: one service `app` probed once an hour (the
 * requests are not what these tests look at), hour-long windows, the `times` given
 * (`duration: 2d`, a warmup, a drain) and the body of its `pipelines:` block.
 */
export function longPipelineYaml(name: string, times: string, pipelines: string): string {
  return `name: ${name}
${times}
outputs: { window: 1h }
services:
  app:
    replicas: 1
    endpoints: { get: { cpu: 1ms } }
workload:
  - { name: probe, arrivals: poisson, rate: 1/h, target: app.get }
pipelines:
${pipelines}`;
}
