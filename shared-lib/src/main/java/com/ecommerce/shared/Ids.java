package com.ecommerce.shared;

import org.bson.types.ObjectId;

/**
 * New ids as the API contract gives them: time-ordered and collision-free, like MongoDB's ObjectId (seconds, a
 * per-process random value and a counter), with the seed's prefixes: {@code prod_…}, {@code ord_…}, {@code pay_…},
 * {@code txn_…}. Customers get the bare 24-hex form the seed shows.
 */
public final class Ids {

	private Ids() {
	}

	public static String objectId() {
		return new ObjectId().toHexString();
	}

	public static String product() {
		return "prod_" + objectId();
	}

	public static String order() {
		return "ord_" + objectId();
	}

	public static String payment() {
		return "pay_" + objectId();
	}

	public static String transaction() {
		return "txn_" + objectId();
	}

}
