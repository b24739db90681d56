package com.crmbot.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.crmbot.config.InquiryRules;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.lookup.StringLookup;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the admin files under {@code config/}, resolves {@code ${ENV_VAR}} placeholders
 * (secrets never live in the files), binds them, and validates them. Every error names
 * the file, the line and the field.
 */
public class ConfigLoader {

	public static final String ORG = "org.yaml";

	public static final String CUSTOMERS = "customers.yaml";

	public static final String INQUIRY = "inquiry.yaml";

	public static final String BOT = "bot.yaml";

	public static final String WORKFLOW = "workflow.yaml";

	public static final String CALLS = "calls.yaml";

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(:-[^}]*)?}");

	private final YAMLMapper mapper = YAMLMapper.builder()
		.enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private final StringLookup variables;

	/**
	 * @param variables where placeholders are looked up (environment, system properties)
	 */
	public ConfigLoader(StringLookup variables) {
		this.variables = variables;
	}

	/**
	 * Load and validate, including the checks features contribute; throws
	 * {@link ConfigException} listing every problem of every file.
	 */
	public AdminConfig load(Path dir, List<ConfigCheck> checks) {
		Loaded loaded = read(dir);
		check(loaded, checks);
		return loaded.config();
	}

	/**
	 * Read, bind and run the built-in checks of every file without stopping at the first
	 * broken one. A file that cannot be read or bound stands in with its defaults (see
	 * {@link ConfigErrors#unreadable}), so the other files are still checked; nothing is
	 * thrown here, the problems are in {@link Loaded#errors()}.
	 */
	public Loaded read(Path dir) {
		Map<String, Node> roots = new HashMap<>();
		ConfigErrors errors = new ConfigErrors(roots);
		OrgConfig org = read(dir, ORG, OrgConfig.class, true, roots, errors);
		CustomerConfig customers = read(dir, CUSTOMERS, CustomerConfig.class, true, roots, errors);
		InquiryRules inquiry = read(dir, INQUIRY, InquiryRules.class, true, roots, errors);
		BotConfig bot = read(dir, BOT, BotConfig.class, false, roots, errors);
		WorkflowConfig workflow = read(dir, WORKFLOW, WorkflowConfig.class, false, roots, errors);
		CallsConfig calls = read(dir, CALLS, CallsConfig.class, false, roots, errors);
		AdminConfig config = new AdminConfig(dir, (org != null) ? org : new OrgConfig(null, null, null),
				(customers != null) ? customers
						: new CustomerConfig(null, null, null, null, null, null, null, null, null, null, null),
				(inquiry != null) ? inquiry : new InquiryRules(null, null, null),
				(bot != null) ? bot : new BotConfig(null, null, null),
				(workflow != null) ? workflow : WorkflowConfig.defaults(), calls);
		run(errors, () -> new ConfigValidator().validate(config, errors));
		return new Loaded(config, errors);
	}

	/**
	 * Run the feature checks on what {@link #read(Path)} produced, then throw
	 * {@link ConfigException} with the problems of both (in file order) if there are any.
	 */
	public void check(Loaded loaded, List<ConfigCheck> checks) {
		ConfigErrors errors = loaded.errors().copy();
		for (ConfigCheck check : checks) {
			run(errors, () -> check.check(loaded.config(), errors));
		}
		if (!errors.isEmpty()) {
			throw new ConfigException(errors.sorted());
		}
	}

	private static void run(ConfigErrors errors, Runnable check) {
		try {
			check.run();
		}
		catch (RuntimeException ex) {
			if (errors.isEmpty()) {
				throw ex;
			}
			// a check tripping over a value already reported
		}
	}

	/**
	 * The files as read: the configuration (defaults standing in for unreadable files)
	 * and the problems found so far.
	 */
	public record Loaded(AdminConfig config, ConfigErrors errors) {

		public boolean valid() {
			return errors.isEmpty();
		}

	}

	private <T> T read(Path dir, String file, Class<T> type, boolean required, Map<String, Node> roots,
			ConfigErrors errors) {
		Path path = dir.resolve(file);
		if (!Files.isRegularFile(path)) {
			if (required) {
				errors.add(new ConfigError(file, 0, null, "file is missing (expected " + path.toAbsolutePath() + ")"));
				errors.unreadable(file);
			}
			return null;
		}
		String text;
		try {
			text = Files.readString(path, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			errors.add(new ConfigError(file, 0, null, "cannot read: " + ex.getMessage()));
			errors.unreadable(file);
			return null;
		}
		text = resolvePlaceholders(file, text, errors);
		if (text == null) {
			errors.unreadable(file);
			return null;
		}
		try {
			LoaderOptions options = new LoaderOptions();
			options.setAllowDuplicateKeys(false);
			Node root = new Yaml(options).compose(new java.io.StringReader(text));
			if (root != null) {
				roots.put(file, root);
			}
		}
		catch (MarkedYAMLException ex) {
			int line = (ex.getProblemMark() != null) ? ex.getProblemMark().getLine() + 1 : 0;
			errors.add(new ConfigError(file, line, null, "not valid YAML: " + ex.getProblem()));
			errors.unreadable(file);
			return null;
		}
		catch (RuntimeException ex) {
			errors.add(new ConfigError(file, 0, null, "not valid YAML: " + ex.getMessage()));
			errors.unreadable(file);
			return null;
		}
		try {
			T value = mapper.readValue(text, type);
			if (value == null) {
				errors.add(new ConfigError(file, 1, null, "file is empty"));
				errors.unreadable(file);
			}
			return value;
		}
		catch (JacksonException ex) {
			String field = fieldPath(ex.getPath());
			// the field's own line when the path resolves; Jackson's location may be
			// where parsing stopped
			int line = !field.isEmpty() ? YamlLines.lineOf(roots.get(file), field) : 0;
			if (line <= 0 && ex.getLocation() != null) {
				line = ex.getLocation().getLineNr();
			}
			errors.add(new ConfigError(file, line, field, shortMessage(ex)));
			errors.unreadable(file);
			return null;
		}
	}

	private String resolvePlaceholders(String file, String text, ConfigErrors errors) {
		Matcher m = PLACEHOLDER.matcher(text);
		boolean ok = true;
		while (m.find()) {
			String name = m.group(1).trim();
			if (m.group(2) == null && variables.lookup(name) == null) {
				int line = 1 + (int) text.substring(0, m.start()).chars().filter((c) -> c == '\n').count();
				errors.add(new ConfigError(file, line, null,
						"placeholder ${" + name + "} is not set (define the environment variable " + name + ")"));
				ok = false;
			}
		}
		if (!ok) {
			return null;
		}
		StringSubstitutor sub = new StringSubstitutor(variables);
		sub.setValueDelimiter(":-");
		return sub.replace(text);
	}

	private static String fieldPath(List<JacksonException.Reference> refs) {
		StringBuilder sb = new StringBuilder();
		for (JacksonException.Reference r : refs) {
			if (r.getPropertyName() != null) {
				if (sb.length() > 0) {
					sb.append('.');
				}
				sb.append(r.getPropertyName());
			}
			else if (r.getIndex() >= 0) {
				sb.append('[').append(r.getIndex()).append(']');
			}
		}
		return sb.toString();
	}

	private static String shortMessage(JacksonException ex) {
		String msg = ex.getOriginalMessage();
		if (msg == null) {
			return "invalid value";
		}
		int cut = msg.indexOf(" (class ");
		if (cut > 0) {
			msg = msg.substring(0, cut);
		}
		cut = msg.indexOf('\n');
		return (cut > 0) ? msg.substring(0, cut) : msg;
	}

}
