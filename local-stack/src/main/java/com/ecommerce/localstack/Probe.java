package com.ecommerce.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;

/**
 * Does the server on a port speak the protocol we expect? A port that merely answers may be anything; the stack only
 * uses a server already running when it really is a MongoDB, a Redis or an AMQP 0-9-1 broker.
 */
final class Probe {

	private static final int TIMEOUT_MILLIS = 1500;

	private Probe() {
	}

	static boolean speaks(String protocol, String host, int port) {
		try {
			return switch (protocol) {
				case "mongodb" -> mongo(host, port);
				case "redis" -> redis(host, port);
				case "rabbitmq", "amqp" -> amqp(host, port);
				default -> throw new IllegalArgumentException("Unknown protocol " + protocol);
			};
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	private static boolean mongo(String host, int port) {
		MongoClientSettings settings = MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString("mongodb://" + host + ":" + port))
			.applyToClusterSettings((cluster) -> cluster.serverSelectionTimeout(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
			.applyToSocketSettings((socket) -> socket.connectTimeout(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
				.readTimeout(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
			.build();
		try (MongoClient client = MongoClients.create(settings)) {
			client.getDatabase("admin").runCommand(new Document("ping", 1));
			return true;
		}
	}

	/** {@code PING} answers {@code +PONG}, or {@code -NOAUTH} from a Redis with a password: a Redis either way. */
	private static boolean redis(String host, int port) throws IOException {
		String answer = exchange(host, port, "PING\r\n".getBytes(StandardCharsets.US_ASCII));
		return answer.startsWith("+PONG") || answer.startsWith("-NOAUTH");
	}

	/** An AMQP 0-9-1 broker answers the protocol header with a Connection.Start method frame (type 1). */
	private static boolean amqp(String host, int port) throws IOException {
		byte[] header = { 'A', 'M', 'Q', 'P', 0, 0, 9, 1 };
		String answer = exchange(host, port, header);
		return !answer.isEmpty() && answer.charAt(0) == 1;
	}

	private static String exchange(String host, int port, byte[] request) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
			socket.setSoTimeout(TIMEOUT_MILLIS);
			OutputStream out = socket.getOutputStream();
			out.write(request);
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] buffer = new byte[16];
			int read = in.read(buffer);
			return (read > 0) ? new String(buffer, 0, read, StandardCharsets.ISO_8859_1) : "";
		}
	}

}
