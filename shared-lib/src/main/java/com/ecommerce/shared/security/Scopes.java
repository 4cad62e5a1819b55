package com.ecommerce.shared.security;

/**
 * The scopes an access token may carry, one per kind of caller. A route rule names the scopes that may call it
 * ({@link AccessRules}); auth-service grants each client its scope. The table of who may do what is in
 * docs/security.md.
 */
public final class Scopes {

	/** The shop's front end acting for shoppers: customers, the catalog, their orders, payments and transactions. */
	public static final String STOREFRONT = "storefront";

	/** Staff: everything the storefront may, plus catalog writes, refunds, dead letters and listing everything. */
	public static final String BACKOFFICE = "backoffice";

	/** order-service itself: reserve, release, commit, charge and refund. No person is ever given it. */
	public static final String ORDER_SERVICE = "order-service";

	private Scopes() {
	}

	/** The authority Spring Security derives from a token's {@code scope} claim. */
	static String authority(String scope) {
		return "SCOPE_" + scope;
	}

}
