package com.crmbot.inquiry.extract;

import com.crmbot.config.InquiryRules;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures the extractor on a labelled corpus (JSON lines of {@code id}, {@code text},
 * {@code expected}), scored as in SPEC.md: per field exact match after trimming,
 * objections as sets; the headline is the mean over the ten fields.
 *
 * <pre>
 * ./mvnw -q -pl bot -am test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=com.crmbot.inquiry.extract.MeasureExtraction \
 *     -Dexec.args="bot/src/test/resources/inquiry/corpus.dev.jsonl config/inquiry.yaml [--misses]"
 * </pre>
 */
public final class MeasureExtraction {

	/** The ten fields, in SPEC order. */
	public static final List<String> FIELDS = List.of("company", "contact", "title", "decision_maker", "phone",
			"budget_cny", "need_type", "objections", "region", "industry");

	/** Per-field accuracy, the mean, and the misses ("id field: expected ≠ got"). */
	public record Result(Map<String, Double> perField, double mean, int examples, List<String> misses) {
	}

	private MeasureExtraction() {
	}

	public static void main(String[] args) throws IOException {
		Path corpus = Path.of(args.length > 0 ? args[0] : "bot/src/test/resources/inquiry/corpus.dev.jsonl");
		Path rulesFile = Path.of(args.length > 1 ? args[1] : "config/inquiry.yaml");
		boolean showMisses = List.of(args).contains("--misses");
		Result result = measure(corpus, new InquiryExtractor(InquiryRules.load(rulesFile)));
		PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
		out.printf("corpus %s: %d examples%n", corpus, result.examples());
		for (Map.Entry<String, Double> e : result.perField().entrySet()) {
			out.printf("  %-15s %6.1f%%%n", e.getKey(), e.getValue() * 100);
		}
		out.printf("  %-15s %6.1f%%%n", "MEAN", result.mean() * 100);
		if (showMisses) {
			result.misses().forEach(m -> out.println("  miss " + m));
		}
	}

	public static Result measure(Path corpus, InquiryExtractor extractor) throws IOException {
		ObjectMapper mapper = JsonMapper.builder().build();
		Map<String, Integer> right = new LinkedHashMap<>();
		FIELDS.forEach(f -> right.put(f, 0));
		List<String> misses = new ArrayList<>();
		int n = 0;
		for (String line : Files.readAllLines(corpus, StandardCharsets.UTF_8)) {
			if (line.isBlank()) {
				continue;
			}
			JsonNode row = mapper.readTree(line);
			JsonNode expected = row.get("expected");
			JsonNode got = mapper.valueToTree(extractor.extract(row.get("text").asString()));
			n++;
			for (String field : FIELDS) {
				if (same(field, expected.get(field), got.get(field))) {
					right.merge(field, 1, Integer::sum);
				}
				else {
					misses.add(row.get("id").asString() + " " + field + ": expected " + expected.get(field) + " got "
							+ got.get(field));
				}
			}
		}
		Map<String, Double> perField = new LinkedHashMap<>();
		double sum = 0;
		for (String field : FIELDS) {
			double acc = n == 0 ? 0 : right.get(field) / (double) n;
			perField.put(field, acc);
			sum += acc;
		}
		return new Result(perField, sum / FIELDS.size(), n, misses);
	}

	private static boolean same(String field, JsonNode expected, JsonNode got) {
		boolean expectedNull = expected == null || expected.isNull();
		boolean gotNull = got == null || got.isNull();
		if (field.equals("objections")) {
			return set(expected).equals(set(got));
		}
		if (expectedNull || gotNull) {
			return expectedNull && gotNull;
		}
		if (expected.isNumber() || got.isNumber()) {
			return expected.asString().strip().equals(got.asString().strip());
		}
		if (expected.isBoolean() || got.isBoolean()) {
			return expected.asBoolean() == got.asBoolean() && expected.isBoolean() == got.isBoolean();
		}
		return Objects.equals(expected.asString().strip(), got.asString().strip());
	}

	private static HashSet<String> set(JsonNode node) {
		HashSet<String> out = new HashSet<>();
		if (node != null && node.isArray()) {
			for (JsonNode item : node) {
				out.add(item.asString().strip());
			}
		}
		return out;
	}

}
