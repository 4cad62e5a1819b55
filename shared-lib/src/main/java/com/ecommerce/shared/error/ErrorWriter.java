package com.ecommerce.shared.error;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;

import com.ecommerce.shared.web.RequestIds;

/** Writes the error envelope straight to a servlet response, for filters that answer before any controller runs. */
public class ErrorWriter {

	private final JsonMapper json;

	public ErrorWriter(JsonMapper json) {
		this.json = json;
	}

	public void write(HttpServletResponse response, ErrorCode code, String message, Map<String, Object> details)
			throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		response.setStatus(code.status().value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		this.json.writeValue(response.getOutputStream(), ErrorBody.of(code, message, RequestIds.current(), details));
	}

}
