package com.crmbot.config;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

/**
 * The per-field rules of the admin files, declared as Bean Validation (jakarta)
 * constraints on the config records, reported in the config errors' own format
 * ({@code file:line: field: message}). Cross-references (a user's role must exist, ids
 * unique) stay in {@link ConfigValidator}.
 */
final class FieldRules {

	private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();

	private FieldRules() {
	}

	/** Checks one bound file; every violation goes to {@code errors}, in file order. */
	static void check(String file, Object bound, ConfigErrors errors) {
		if (bound == null) {
			return;
		}
		Validator validator = FACTORY.getValidator();
		// a constraint on a record component sits on its field and its accessor: one
		// report per field and message
		Map<String, String[]> found = new LinkedHashMap<>();
		for (ConstraintViolation<Object> v : validator.validate(bound)) {
			String field = path(v.getPropertyPath());
			found.putIfAbsent(field + "\n" + v.getMessage(), new String[] { field, v.getMessage() });
		}
		List<String[]> sorted = found.values()
			.stream()
			.sorted(Comparator.comparing((String[] fm) -> errors.lineOf(file, fm[0])).thenComparing((fm) -> fm[0]))
			.toList();
		for (String[] fm : sorted) {
			errors.add(file, fm[0], fm[1]);
		}
	}

	/** The field path as the config errors write it: {@code users[2].role}. */
	static String path(Path path) {
		StringBuilder sb = new StringBuilder();
		for (Path.Node n : path) {
			if (n.isInIterable()) {
				if (n.getIndex() != null) {
					sb.append('[').append(n.getIndex()).append(']');
				}
				else if (n.getKey() != null) {
					sb.append('.').append(n.getKey());
				}
			}
			if (n.getKind() == ElementKind.PROPERTY && n.getName() != null) {
				if (!sb.isEmpty()) {
					sb.append('.');
				}
				sb.append(n.getName());
			}
		}
		return sb.toString();
	}

}
