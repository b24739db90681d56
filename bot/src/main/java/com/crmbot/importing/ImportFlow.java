package com.crmbot.importing;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.crmbot.chat.Actor;
import com.crmbot.config.ConfigService;
import com.crmbot.connector.Reply;
import com.crmbot.notification.Notifier;
import com.crmbot.template.TemplateService;

import org.springframework.stereotype.Component;

/**
 * The conversation around an import, shared by the chat command, the file message and the
 * HTTP API: the doctor's report, confirming, progress pushes and the summary.
 */
@Component
public class ImportFlow {

	private final ImportFileCheck check;

	private final ImportJobs jobs;

	private final ImportStore store;

	private final TemplateService templates;

	private final Notifier notifier;

	private final ConfigService config;

	ImportFlow(ImportFileCheck check, ImportJobs jobs, ImportStore store, TemplateService templates, Notifier notifier,
			ConfigService config) {
		this.check = check;
		this.jobs = jobs;
		this.store = store;
		this.templates = templates;
		this.notifier = notifier;
		this.config = config;
	}

	/** Check a file, answer with the report; with {@code confirm} import at once. */
	public Result upload(Actor actor, String fileName, InputStream content, boolean confirm) throws IOException {
		LeadImport imp;
		try {
			imp = check.analyze(actor, fileName, content);
		}
		catch (TableReader.NotATableException ex) {
			return new Result(null, List.of(text(actor, "import-not-table", Map.of("file", name(fileName), "reason",
					templates.reply(actor.locale(), ex.reasonKey(), ex.vars())))));
		}
		List<Reply> out = new ArrayList<>(report(actor, imp, !confirm));
		if (confirm) {
			out.addAll(confirm(actor, imp.id()));
		}
		return new Result(imp.id(), out);
	}

	public List<Reply> report(Actor actor, LeadImport imp, boolean withNextStep) {
		List<String> all = new ArrayList<>(imp.notes());
		all.addAll(imp.report());
		String lines = String.join("\n", all);
		int more = imp.toCreate() + imp.toMerge() + imp.duplicates() + imp.toAttach() + imp.rejected()
				- imp.report().size();
		Map<String, Object> vars = new java.util.HashMap<>();
		vars.put("id", imp.id());
		vars.put("file", name(imp.fileName()));
		vars.put("format", imp.format());
		vars.put("encoding", imp.encoding());
		vars.put("headerRow", imp.headerRow());
		vars.put("columns", String.join("，", imp.columns()));
		vars.put("ignoredColumns", imp.ignoredColumns().isEmpty() ? "—" : String.join("，", imp.ignoredColumns()));
		vars.put("rows", imp.dataRows());
		vars.put("create", imp.toCreate());
		vars.put("merge", imp.toMerge());
		vars.put("attach", imp.toAttach());
		vars.put("dup", imp.duplicates());
		vars.put("rejected", imp.rejected());
		vars.put("ignored", imp.ignoredRows());
		vars.put("details", lines.isEmpty() ? "—"
				: lines + ((more > 0) ? "\n" + text(actor, "import-more", Map.of("count", more)).text() : ""));
		List<Reply> out = new ArrayList<>();
		out.add(text(actor, "import-report", vars));
		if (imp.sameFileAs() != null) {
			out.add(text(actor, "import-same-file", Map.of("id", imp.sameFileAs())));
		}
		if (imp.rejected() > 0) {
			out.add(text(actor, "import-rejected-link",
					Map.of("id", imp.id(), "count", imp.rejected(), "url", rejectedUrl(imp, actor))));
		}
		if (withNextStep && imp.state() == LeadImport.State.ANALYZED) {
			out.add(text(actor, "import-next", Map.of("id", imp.id())));
		}
		return out;
	}

	static String rejectedUrl(LeadImport imp, Actor actor) {
		return "/api/import/" + imp.id() + "/rejected.csv?user=" + actor.id();
	}

	/** Confirm: run now (small files) or in the background with progress pushes. */
	public List<Reply> confirm(Actor actor, String id) {
		return confirm(actor, id, false);
	}

	List<Reply> confirm(Actor actor, String id, boolean background) {
		LeadImport imp = store.get(id).orElse(null);
		if (imp == null || !imp.mayBeUsedBy(actor)) {
			return List.of(text(actor, "import-unknown", Map.of("id", id)));
		}
		ImportJobs.Start start = jobs.claim(id);
		if (background && start == ImportJobs.Start.RUN_NOW) {
			start = ImportJobs.Start.BACKGROUND;
		}
		return switch (start) {
			case DONE -> List.of(summary(actor, imp));
			case BUSY -> List.of(text(actor, "import-busy", Map.of("id", id)));
			case RUN_NOW -> List.of(summary(actor, jobs.run(id, (p) -> {
			})));
			case BACKGROUND -> {
				jobs.runInBackground(id, (p) -> push(actor, imp, p));
				yield List.of(text(actor, "import-started", Map.of("id", id, "rows", imp.dataRows())));
			}
		};
	}

	private void push(Actor actor, LeadImport imp, ImportJobs.Progress p) {
		Reply r = p.done() ? summary(actor, store.get(imp.id()).orElse(imp))
				: text(actor, "import-progress", Map.of("id", p.importId(), "percent", p.percent(), "created",
						p.created(), "merged", p.merged(), "skipped", p.skipped()));
		notifier.notify(actor.user(), r, "import:" + imp.id() + ":" + (p.done() ? "done" : p.percent()));
	}

	public Reply summary(Actor actor, LeadImport imp) {
		return text(actor, "import-done",
				Map.of("id", imp.id(), "file", name(imp.fileName()), "created", imp.created(), "merged", imp.merged(),
						"attached", imp.attached(), "skipped", imp.skipped(), "rejected", imp.rejected(), "pooled",
						imp.pooled()));
	}

	private Reply text(Actor actor, String key, Map<String, ?> vars) {
		return Reply.text(templates.reply(actor.locale(), key, vars));
	}

	private static String name(String fileName) {
		return (fileName != null) ? fileName : "?";
	}

	/** The import created (null when the file was refused) and the replies. */
	public record Result(String importId, List<Reply> replies) {
	}

}
