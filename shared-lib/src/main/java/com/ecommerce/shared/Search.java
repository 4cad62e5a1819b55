package com.ecommerce.shared;

import java.util.regex.Pattern;

/**
 * User search text as a case-insensitive substring pattern that matches the text literally. Every regex
 * metacharacter is escaped one by one (rather than with \Q…\E), which MongoDB, PCRE and Java all read the same way.
 */
public final class Search {

	private static final Pattern META = Pattern.compile("[\\\\^$.|?*+()\\[\\]{}/-]");

	private Search() {
	}

	public static Pattern containing(String text) {
		// MongoDB refuses a regex with a raw NUL in it; \x00 is the same character, written out.
		String escaped = META.matcher(text).replaceAll("\\\\$0").replace("\0", "\\x00");
		return Pattern.compile(escaped, Pattern.CASE_INSENSITIVE);
	}

}
