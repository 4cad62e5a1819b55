package com.ecommerce.customer;

/** The field rules shared by create and update. */
final class CustomerRules {

	/** Hibernate Validator alone accepts {@code a@b}; a reachable address has a dot in its domain. */
	static final String EMAIL = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

	static final String EMAIL_MESSAGE = "must be a valid email address";

	static final String PHONE = "^\\+?[0-9 ()-]{7,20}$";

	static final String PHONE_MESSAGE = "must be 7 to 20 digits, spaces, '(', ')' or '-', with an optional leading '+'";

	static final String NOT_BLANK = "(?s).*\\S.*";

	private CustomerRules() {
	}

}
