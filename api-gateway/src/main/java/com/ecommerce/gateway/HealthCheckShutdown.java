package com.ecommerce.gateway;

import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Stops the load balancers, and with them their health checks, once the web server has shut down (so no request
 * needs them any more) and before Reactor Netty's shared event loops are: those wait for a quiet moment that checks
 * every interval never leave, and every shutdown would wait out Netty's 15 s time-out.
 */
class HealthCheckShutdown implements SmartLifecycle {

	/** After the web server's phases (just below {@code Integer.MAX_VALUE}), before ReactorResourceFactory's (0). */
	private static final int PHASE = 1;

	private final LoadBalancerClientFactory balancers;

	private volatile boolean running;

	HealthCheckShutdown(LoadBalancerClientFactory balancers) {
		this.balancers = balancers;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.balancers.destroy();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
