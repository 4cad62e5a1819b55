package com.ecommerce.system.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import javax.imageio.ImageIO;

/**
 * A histogram of the POST latencies as a PNG: linear buckets of a round width up to p99.9, one last bar for
 * everything slower (so one outlier doesn't squash the picture), and lines at p50, p95 and p99. Drawn with plain
 * java.awt, headless, so the benchmark needs no charting library.
 */
final class LatencyChart {

	private static final int WIDTH = 1000, HEIGHT = 560;

	private static final int LEFT = 80, RIGHT = 30, TOP = 70, BOTTOM = 70;

	private static final int TARGET_BUCKETS = 50;

	private LatencyChart() {
	}

	static void write(long[] nanos, Latency latency, String subtitle, Path file) throws IOException {
		BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, WIDTH, HEIGHT);

		double bucket = niceStep(Math.max(latency.p999(), 1) / TARGET_BUCKETS);
		int buckets = (int) Math.ceil(Math.max(latency.p999(), 1) / bucket);
		boolean overflow = latency.max() > buckets * bucket;
		int[] counts = new int[buckets + (overflow ? 1 : 0)];
		for (long value : nanos) {
			int index = (int) Math.floor(value / 1e6 / bucket);
			counts[Math.min(index, counts.length - 1)]++;
		}
		int highest = 1;
		for (int count : counts) {
			highest = Math.max(highest, count);
		}
		// Headroom above the highest bar for the percentile labels.
		int yTop = (int) niceCeiling((int) Math.ceil(highest * 1.15));

		int plotWidth = WIDTH - LEFT - RIGHT, plotHeight = HEIGHT - TOP - BOTTOM;
		double barWidth = (double) plotWidth / counts.length;
		Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
		g.setFont(font);
		FontMetrics metrics = g.getFontMetrics();

		// Horizontal grid lines and y ticks.
		int yStep = (int) Math.max(1, niceStep(yTop / 5.0));
		for (int y = 0; y <= yTop; y += yStep) {
			int py = TOP + plotHeight - (int) Math.round((double) y / yTop * plotHeight);
			g.setColor(new Color(230, 230, 230));
			g.drawLine(LEFT, py, LEFT + plotWidth, py);
			g.setColor(Color.DARK_GRAY);
			String text = Integer.toString(y);
			g.drawString(text, LEFT - 8 - metrics.stringWidth(text), py + metrics.getAscent() / 2 - 1);
		}

		// Bars: the overflow bar in a different colour, since it is not a bucket of the same width.
		for (int i = 0; i < counts.length; i++) {
			int height = (int) Math.round((double) counts[i] / yTop * plotHeight);
			int x = LEFT + (int) Math.round(i * barWidth);
			int w = Math.max(1, (int) Math.round((i + 1) * barWidth) - (int) Math.round(i * barWidth) - 1);
			g.setColor(overflow && i == counts.length - 1 ? new Color(200, 120, 60) : new Color(70, 120, 190));
			g.fillRect(x, TOP + plotHeight - height, w, height);
		}

		// Axes and x ticks, about ten labelled ones.
		g.setColor(Color.BLACK);
		g.drawLine(LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight);
		g.drawLine(LEFT, TOP, LEFT, TOP + plotHeight);
		int labelEvery = Math.max(1, (int) Math.ceil(buckets / 10.0));
		for (int i = 0; i <= buckets; i += labelEvery) {
			int x = LEFT + (int) Math.round(i * barWidth);
			g.drawLine(x, TOP + plotHeight, x, TOP + plotHeight + 5);
			String text = number(i * bucket);
			g.drawString(text, x - metrics.stringWidth(text) / 2, TOP + plotHeight + 20);
		}
		if (overflow) {
			String text = "> " + number(buckets * bucket);
			int x = LEFT + (int) Math.round((counts.length - 0.5) * barWidth);
			g.drawString(text, Math.min(x - metrics.stringWidth(text) / 2, WIDTH - metrics.stringWidth(text) - 2),
					TOP + plotHeight + 36);
		}

		// Percentile markers: all lines first, then the labels on a white ground, so no line crosses a label.
		double[] marks = { latency.p50(), latency.p95(), latency.p99() };
		String[] names = { "p50", "p95", "p99" };
		Color[] colors = { new Color(40, 160, 70), new Color(230, 140, 0), new Color(200, 40, 40) };
		for (int m = 0; m < marks.length; m++) {
			markerLine(g, marks[m], colors[m], bucket, barWidth, plotHeight);
		}
		for (int m = 0; m < marks.length; m++) {
			markerLabel(g, metrics, marks[m], names[m], colors[m], bucket, barWidth, m);
		}

		// Titles.
		g.setColor(Color.BLACK);
		g.setFont(font.deriveFont(Font.BOLD, 17f));
		g.drawString(String.format(Locale.ROOT, "POST /api/v1/orders latency: p50 %s ms, p95 %s ms, p99 %s ms (n=%d)",
				number(latency.p50()), number(latency.p95()), number(latency.p99()), latency.count()), LEFT, 30);
		g.setFont(font);
		g.setColor(Color.DARK_GRAY);
		g.drawString(subtitle + String.format(Locale.ROOT, "; bucket %s ms; max %s ms", number(bucket),
				number(latency.max())), LEFT, 52);
		g.drawString("latency (ms)", LEFT + plotWidth / 2 - metrics.stringWidth("latency (ms)") / 2, HEIGHT - 12);
		Graphics2D rotated = (Graphics2D) g.create();
		rotated.rotate(-Math.PI / 2);
		rotated.drawString("requests", -(TOP + plotHeight / 2 + metrics.stringWidth("requests") / 2), 22);
		rotated.dispose();
		g.dispose();
		ImageIO.write(image, "png", file.toFile());
	}

	private static void markerLine(Graphics2D g, double millis, Color color, double bucket, double barWidth,
			int plotHeight) {
		int x = LEFT + (int) Math.round(millis / bucket * barWidth);
		g.setColor(color);
		g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] { 6f, 4f }, 0f));
		g.drawLine(x, TOP, x, HEIGHT - BOTTOM);
		g.setStroke(new BasicStroke(1f));
	}

	private static void markerLabel(Graphics2D g, FontMetrics metrics, double millis, String name, Color color,
			double bucket, double barWidth, int row) {
		int x = LEFT + (int) Math.round(millis / bucket * barWidth);
		String text = name + " " + number(millis);
		// Staggered rows, so that close percentiles don't print over each other.
		int tx = Math.min(x + 4, WIDTH - RIGHT - metrics.stringWidth(text));
		int baseline = TOP + 14 + row * 17;
		g.setColor(Color.WHITE);
		g.fillRect(tx - 2, baseline - metrics.getAscent(), metrics.stringWidth(text) + 4, metrics.getHeight());
		g.setColor(color);
		g.drawString(text, tx, baseline);
	}

	/** 1, 2 or 5 times a power of ten, at least {@code raw}. */
	static double niceStep(double raw) {
		double power = Math.pow(10, Math.floor(Math.log10(raw)));
		for (double factor : new double[] { 1, 2, 5, 10 }) {
			if (factor * power >= raw) {
				return factor * power;
			}
		}
		return 10 * power;
	}

	private static double niceCeiling(int value) {
		double step = niceStep(value / 5.0);
		return Math.max(1, Math.ceil(value / step) * step);
	}

	private static String number(double value) {
		return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
	}

}
