import type { Simulation } from '../../../engine/simulation.js';
import { ProxyRoutes } from './proxy-routes.js';
import type { RouteTable } from './route-table.js';

/** One push of a table on its way to one proxy. */
interface Push {
  readonly proxy: ProxyRoutes;
  readonly table: RouteTable;
}

/**
 * The control plane's side of one service's routing (istiod's VirtualService for the host):
 * the table as written, and every proxy that holds a copy. A change reaches each proxy after
 * its own delay: istiod's debounce (PILOT_DEBOUNCE_AFTER), then the push to that proxy,
 * drawn per proxy and change; so for a while proxies disagree. Pushes reach a proxy in the
 * order they were made (a proxy applies one snapshot after another), as endpoint changes
 * reach a view (src/model/traffic/endpoint-view.ts).
 */
export class ServiceRoutes {
  private readonly proxies: ProxyRoutes[] = [];

  constructor(
    /** the routing as written: what a proxy made from now on starts with */
    public table: RouteTable,
    private readonly sim: Simulation,
    private readonly debounceMs: number,
    /** the push to one proxy, drawn per proxy and change */
    private readonly pushMs: () => number,
    /** a proxy's own uniforms, by the caller's name (`svc:<service>:route@<caller>`) */
    private readonly proxyStream: (callerName: string) => () => number,
  ) {}

  /** A new caller proxy: it starts from the table as written now (it resolves it afresh). */
  proxyFor(callerName: string): ProxyRoutes {
    const proxy = new ProxyRoutes(this.table, this.sim, this.proxyStream(callerName));
    this.proxies.push(proxy);
    return proxy;
  }

  /** The proxies of this service's callers, in the order they were made (tests read them). */
  get callerProxies(): readonly ProxyRoutes[] {
    return this.proxies;
  }

  /** A new table: written now, applied by each proxy when its push arrives. */
  set(table: RouteTable): void {
    this.table = table;
    const now = this.sim.now;
    for (const proxy of this.proxies) {
      const at = Math.max(now + this.debounceMs + this.pushMs(), proxy.lastAppliedAt);
      proxy.lastAppliedAt = at;
      const push: Push = { proxy, table };
      this.sim.scheduleAt(at, apply, push);
    }
  }
}

const apply = (push: Push): void => {
  push.proxy.table = push.table;
};
