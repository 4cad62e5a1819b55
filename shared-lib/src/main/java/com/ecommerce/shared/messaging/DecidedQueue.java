package com.ecommerce.shared.messaging;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.support.RabbitExceptionTranslator;

/**
 * A durable queue whose type, quorum or classic ({@link QueueType}), is decided each time it is declared, on the
 * broker at hand: RabbitAdmin declares it on every new connection and asks for its arguments then, so a service
 * started while the broker is down decides once it is back.
 * <p>
 * A queue that exists can't change type, and declaring it with another one fails (PRECONDITION_FAILED). So with
 * {@link QueueType#AUTO} a queue that exists keeps its type: a passive declare says whether it exists, and a declare
 * as quorum whether it is one (the broker refuses it for a classic queue; both probes run on channels of their own,
 * which a refusal closes, never on RabbitAdmin's). A new queue is quorum on RabbitMQ 3.8 and later, classic on any
 * other broker. {@link QueueType#QUORUM} and {@link QueueType#CLASSIC} declare what they say, without asking.
 * Quorum queues are durable and never exclusive or auto-deleted, which this queue isn't either; as a quorum queue it
 * gets the arguments given for that case, as a classic queue none.
 * <p>
 * Should the declaration still be refused (another type forced on an existing queue, other arguments given to it by
 * hand), RabbitAdmin logs a warning and goes on with the queue as it is, rather than failing every connection.
 */
public class DecidedQueue extends Queue {

	private static final Logger log = LoggerFactory.getLogger(DecidedQueue.class);

	private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)");

	private final QueueType type;

	private final ConnectionFactory connectionFactory;

	private final Map<String, Object> quorumArguments;

	private final AtomicBoolean told = new AtomicBoolean();

	/** @param quorumArguments the {@code x-} arguments of the queue as a quorum queue, besides its type */
	public DecidedQueue(String name, QueueType type, ConnectionFactory connectionFactory,
			Map<String, Object> quorumArguments) {
		super(name, true, false, false);
		this.type = type;
		this.connectionFactory = connectionFactory;
		Map<String, Object> arguments = new HashMap<>(quorumArguments);
		arguments.put("x-queue-type", "quorum");
		this.quorumArguments = Map.copyOf(arguments);
		setIgnoreDeclarationExceptions(true);
	}

	/** Called by RabbitAdmin as it declares the queue. */
	@Override
	public Map<String, Object> getArguments() {
		return quorum() ? this.quorumArguments : Map.of();
	}

	private boolean quorum() {
		if (this.type != QueueType.AUTO) {
			return this.type == QueueType.QUORUM;
		}
		Broker broker;
		Existing existing;
		try (Connection connection = this.connectionFactory.createConnection()) {
			broker = Broker.of(connection.getDelegate().getServerProperties());
			existing = broker.hasQuorumQueues()
					? existing(connection.getDelegate(), getName(), this.quorumArguments) : Existing.NONE;
		}
		catch (IOException ex) {
			throw RabbitExceptionTranslator.convertRabbitAccessException(ex);
		}
		boolean quorum = quorum(this.type, broker, existing);
		if (this.told.compareAndSet(false, true)) {
			if (existing == Existing.CLASSIC) {
				log.warn("Queue {} exists as a classic queue and stays one; on {} {} it could be a quorum queue, "
						+ "replicated over the cluster: see docs/operations.md, \"Queue type\", to move it",
						getName(), broker.product(), broker.version());
			}
			else {
				log.info("Queue {} is a {} queue ({} {}, queue-type {})", getName(), quorum ? "quorum" : "classic",
						broker.product(), broker.version(), this.type.name().toLowerCase());
			}
		}
		return quorum;
	}

	/** Whether the queue is to be quorum, from the setting, the broker, and the queue as it exists. */
	static boolean quorum(QueueType type, Broker broker, Existing existing) {
		return switch (type) {
			case QUORUM -> true;
			case CLASSIC -> false;
			case AUTO -> broker.hasQuorumQueues() && existing != Existing.CLASSIC;
		};
	}

	/**
	 * Whether the queue exists, and if so of which type: one that takes a declaration as a quorum queue with these
	 * arguments is one, any other is taken for classic (and kept as it is).
	 */
	static Existing existing(com.rabbitmq.client.Connection connection, String queue,
			Map<String, Object> quorumArguments) throws IOException {
		if (!accepted(connection, (channel) -> channel.queueDeclarePassive(queue))) {
			return Existing.NONE;
		}
		return accepted(connection, (channel) -> channel.queueDeclare(queue, true, false, false, quorumArguments))
				? Existing.QUORUM : Existing.CLASSIC;
	}

	/** Runs one command on a channel of its own: false when the broker refused it, closing that channel. */
	private static boolean accepted(com.rabbitmq.client.Connection connection, Command command) throws IOException {
		Channel channel = connection.createChannel();
		try {
			command.run(channel);
			return true;
		}
		catch (IOException ex) {
			if (ex.getCause() instanceof ShutdownSignalException signal && !signal.isHardError()
					&& signal.getReason() instanceof AMQP.Channel.Close close
					&& (close.getReplyCode() == AMQP.NOT_FOUND || close.getReplyCode() == AMQP.PRECONDITION_FAILED)) {
				return false;
			}
			throw ex;
		}
		finally {
			channel.abort(); // closed already after a refusal; quiet either way
		}
	}

	private interface Command {

		void run(Channel channel) throws IOException;

	}

	/** Whether and as what the queue exists. */
	enum Existing {

		NONE, CLASSIC, QUORUM

	}

	/** The broker as it presents itself when a connection opens. */
	record Broker(String product, String version) {

		static Broker of(Map<String, Object> serverProperties) {
			return new Broker(String.valueOf(serverProperties.get("product")),
					String.valueOf(serverProperties.get("version")));
		}

		/** RabbitMQ 3.8 and later; not the embedded broker (Qpid), whatever its version. */
		boolean hasQuorumQueues() {
			Matcher version = VERSION.matcher(this.version);
			if (!"RabbitMQ".equalsIgnoreCase(this.product) || !version.find()) {
				return false;
			}
			int major = Integer.parseInt(version.group(1));
			int minor = Integer.parseInt(version.group(2));
			return major > 3 || (major == 3 && minor >= 8);
		}

	}

}
