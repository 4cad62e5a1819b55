package com.ecommerce.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static com.ecommerce.localstack.DeploymentFiles.COMPOSE;
import static com.ecommerce.localstack.DeploymentFiles.environment;
import static com.ecommerce.localstack.DeploymentFiles.map;
import static com.ecommerce.localstack.DeploymentFiles.read;
import static com.ecommerce.localstack.DeploymentFiles.yaml;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitoring files hang together: Prometheus scrapes every server of compose on its management port, every alert
 * has a unit test that makes it fire and a section in docs/operations.md, and the dashboard reads only recorded
 * series that the recording rules make. promtool (in .ci/run when installed) checks the PromQL itself.
 */
class ObservabilityFilesTests {

	private static final Pattern RECORDED = Pattern.compile("\\b([a-z_]+:[a-z_0-9]+:[a-z_0-9]+)\\b");

	@Test
	void prometheusScrapesEveryServerOfComposeOnItsManagementPort() {
		Map<String, Object> prometheus = yaml("deploy/prometheus/prometheus.yml");
		Map<String, String> scraped = new java.util.TreeMap<>();
		for (Object job : (List<?>) prometheus.get("scrape_configs")) {
			Map<?, ?> config = (Map<?, ?>) job;
			assertThat(config.get("metrics_path")).isEqualTo("/actuator/prometheus");
			Map<?, ?> dns = (Map<?, ?>) ((List<?>) config.get("dns_sd_configs")).get(0);
			scraped.put(String.valueOf(config.get("job_name")),
					((List<?>) dns.get("names")).get(0) + ":" + dns.get("port"));
		}
		Map<String, String> servers = new java.util.TreeMap<>();
		map(COMPOSE, "services").keySet().forEach((service) -> {
			Object port = environment(service).get("MANAGEMENT_SERVER_PORT");
			if (port != null) {
				servers.put(service, service + ":" + port);
			}
		});
		assertThat(scraped).isEqualTo(servers);
	}

	@Test
	void everyAlertHasATestThatFiresItAndASectionInTheOperationsGuide() {
		Set<String> alerts = alerts();
		assertThat(alerts).hasSizeGreaterThanOrEqualTo(10);
		Set<String> fired = new TreeSet<>();
		Set<String> quiet = new TreeSet<>();
		for (Object test : (List<?>) yaml("deploy/prometheus/tests/alerts.test.yml").get("tests")) {
			// A test of a recording rule alone has no alert_rule_test.
			Object checks = ((Map<?, ?>) test).get("alert_rule_test");
			for (Object check : (checks != null) ? (List<?>) checks : List.of()) {
				Map<?, ?> expectation = (Map<?, ?>) check;
				String alert = String.valueOf(expectation.get("alertname"));
				(((List<?>) expectation.get("exp_alerts")).isEmpty() ? quiet : fired).add(alert);
			}
		}
		assertThat(fired).as("alerts some test makes fire").isEqualTo(alerts);
		assertThat(quiet).as("alerts some test expects quiet").isEqualTo(alerts);
		String operations = read("docs/operations.md");
		assertThat(alerts).allSatisfy((alert) -> assertThat(operations).as("docs/operations.md")
			.contains("#### `" + alert + "`"));
	}

	@Test
	void theDashboardReadsOnlySeriesTheRecordingRulesMake() {
		Set<String> recorded = rules("deploy/prometheus/rules/recording.yml").stream()
			.map((rule) -> String.valueOf(rule.get("record")))
			.collect(Collectors.toCollection(TreeSet::new));
		Matcher uses = RECORDED.matcher(read("deploy/grafana/dashboards/ecommerce.json"));
		List<String> used = new ArrayList<>();
		while (uses.find()) {
			used.add(uses.group(1));
		}
		assertThat(used).isNotEmpty().allSatisfy((name) -> assertThat(recorded).contains(name));
		String alerts = read("deploy/prometheus/rules/alerts.yml");
		Matcher alertUses = RECORDED.matcher(alerts);
		while (alertUses.find()) {
			assertThat(recorded).as("alerts.yml").contains(alertUses.group(1));
		}
	}

	private static Set<String> alerts() {
		return rules("deploy/prometheus/rules/alerts.yml").stream()
			.map((rule) -> String.valueOf(rule.get("alert")))
			.collect(Collectors.toCollection(TreeSet::new));
	}

	private static List<Map<?, ?>> rules(String file) {
		List<Map<?, ?>> rules = new ArrayList<>();
		Map<String, Object> loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(read(file));
		for (Object group : (List<?>) loaded.get("groups")) {
			for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
				rules.add((Map<?, ?>) rule);
			}
		}
		return rules;
	}

}
