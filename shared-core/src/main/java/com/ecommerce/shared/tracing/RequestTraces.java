package com.ecommerce.shared.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.exporter.FinishedSpan;
import io.micrometer.tracing.exporter.SpanExportingPredicate;

/**
 * Which spans go to the collector: everything that belongs to a request, a message, or a named piece of the shop's
 * work (a saga step, a recovered order), but not the traces the background makes on its own every few seconds — a
 * poll of the outbox, a claim that finds no order due, a load balancer's health check — each a lone store command or
 * call with no parent. They would bury the traces anyone looks for, and cost the collector its memory.
 */
public class RequestTraces implements SpanExportingPredicate {

	@Override
	public boolean isExportable(FinishedSpan span) {
		boolean root = span.getParentId() == null || span.getParentId().isEmpty();
		return !root || span.getKind() != Span.Kind.CLIENT;
	}

}
