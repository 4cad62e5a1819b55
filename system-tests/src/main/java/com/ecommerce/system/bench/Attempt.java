package com.ecommerce.system.bench;

/**
 * One order as the benchmark saw it. {@code answerNanos} is the POST's latency; {@code finalNanos} the time from
 * sending the POST until the order was known final (the answer itself for a 201, the poll that saw it for a 202),
 * or -1 when it never was. {@code error} is null for an expected answer, else its class ("503
 * SERVICE_UNAVAILABLE", "transport: ConnectException").
 */
record Attempt(int index, boolean hot, int status, String code, String error, String orderId, String outcome,
		long answerNanos, long finalNanos) {

	/** The outcome of orders that a 202 announced but polling never saw final. */
	static final String UNSETTLED = "still processing";

	boolean isFinal() {
		return finalNanos >= 0;
	}

	/** "201", "202", "409 INSUFFICIENT_STOCK", "transport: …": what the POST answered. */
	String answerClass() {
		if (status < 0) {
			return error;
		}
		return code == null ? Integer.toString(status) : status + " " + code;
	}

}
