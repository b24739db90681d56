package com.crmbot.report;

import java.util.ArrayList;
import java.util.List;

import com.crmbot.access.AccessPolicy;
import com.crmbot.chat.Actor;
import com.crmbot.pipeline.StageChange;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * Turns who asks and their filters into store criteria: the customers the actor may see
 * (the access policy) narrowed by the filters; and the stage changes of the same scope
 * (each change carries the customer's owner and department).
 */
@Component
public class ReportScope {

	private final AccessPolicy access;

	private final ReportFilters filters;

	ReportScope(AccessPolicy access, ReportFilters filters) {
		this.access = access;
		this.filters = filters;
	}

	/** Customers the actor may see, narrowed by the filters (created in the range). */
	public Criteria customers(Actor actor, ReportFilter f) {
		List<Criteria> all = new ArrayList<>();
		all.add(access.visibleTo(actor));
		windowAndPeople(all, "createdAt", f);
		if (f.stage() != null) {
			all.add(Criteria.where("stage").is(f.stage()));
		}
		if (f.source() != null) {
			all.add(Criteria.where("source").is(f.source()));
		}
		if (f.tag() != null) {
			all.add(Criteria.where("tags").is(f.tag()));
		}
		return new Criteria().andOperator(all.toArray(new Criteria[0]));
	}

	/**
	 * Stage changes in the actor's scope, made in the filter's date range, by department
	 * and owner (the stage, source and tag filters describe customers, not moves).
	 */
	public Criteria stageChanges(Actor actor, ReportFilter f) {
		List<Criteria> all = new ArrayList<>();
		switch (actor.role().visibility()) {
			case OWN -> all.add(Criteria.where("ownerId").is(actor.id()));
			case DEPARTMENT -> all.add(Criteria.where("department").is(actor.user().department()));
			case ALL -> {
			}
		}
		windowAndPeople(all, "at", f);
		return all.isEmpty() ? new Criteria() : new Criteria().andOperator(all.toArray(new Criteria[0]));
	}

	/** The filter's date range on {@code timeField}, its department and its owner. */
	private void windowAndPeople(List<Criteria> all, String timeField, ReportFilter f) {
		ReportFilters.Window w = filters.window(f);
		if (w.from() != null || w.to() != null) {
			Criteria c = Criteria.where(timeField);
			if (w.from() != null) {
				c = c.gte(w.from());
			}
			if (w.to() != null) {
				c = c.lt(w.to());
			}
			all.add(c);
		}
		if (f.department() != null) {
			all.add(Criteria.where("department").is(f.department()));
		}
		if (f.owner() != null) {
			all.add(Criteria.where("ownerId").is(f.owner()));
		}
	}

	static String stageCollection() {
		return StageChange.COLLECTION;
	}

}
